import { z } from 'zod';

/**
 * What the workspace template and the API handler agree on: the environment the template sets on the
 * function and the calls its role must allow. Both sides import this module.
 */
export const apiHandlerEnvironmentSchema = z.object({
  TABLE_NAME: z.string().min(1).describe('the workspace DynamoDB table'),
  ALLOWED_ORIGIN: z.string().min(1).describe("the web console's origin (the WorkspaceUrl output), the one CORS admits"),
  APPROVAL_WORKFLOWS: z.enum(['true', 'false']).describe('"true" when the approval state machine exists'),
  DOCUMENTDB_ENDPOINT: z.string().min(1).describe('the DocumentDB cluster endpoint, where bot definitions and the audit log are'),
  DOCUMENTDB_PORT: z.coerce.number().int().min(1).max(65_535).describe('the DocumentDB port'),
  DOCUMENTDB_SECRET_ARN: z.string().min(1).describe('the DocumentDB master secret'),
  INTEGRATION_SECRET_ARN: z.string().min(1).describe('the integration credentials secret, whose names definitions may use'),
  EXPORT_BUCKET: z.string().describe('the import/export bucket, where each user\'s bot exports are kept; empty when the stack has none'),
});

/** The environment as the template writes it. */
export type ApiHandlerEnvironment = { readonly [K in keyof z.input<typeof apiHandlerEnvironmentSchema>]: string };

/**
 * The Lambda Node.js runtime's CA file, which holds the Amazon RDS certificates DocumentDB's chain
 * to (the runtime loads it only when NODE_EXTRA_CA_CERTS names it; the driver is given it directly).
 */
export const LAMBDA_RUNTIME_CA_FILE = '/var/runtime/ca-cert.pem';

/** The calls the handler makes on the workspace table. */
export const API_HANDLER_TABLE_ACTIONS = [
  'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem',
];

/** Where the import/export bucket keeps each user's exports: `<prefix>/<owner>/`. */
export const BOT_EXPORTS_PREFIX = 'exports';

/** The calls the handler makes on the import/export bucket, under BOT_EXPORTS_PREFIX only. */
export const API_HANDLER_EXPORT_ACTIONS = ['s3:GetObject', 's3:PutObject'];
