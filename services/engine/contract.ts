import { z } from 'zod';
import { AWS_STEP_ACTIONS } from '../workspace-data/definition/step-inputs';

/**
 * What the workspace template and the engine agree on: the environment the template sets on the
 * engine container, the AWS calls its task role must allow, and how its health is checked. Both sides
 * import this module, so renaming a variable breaks the build of both.
 */

/** A comma-separated list; empty means none (the template writes '' when an option is off). */
const list = z.string().transform((value) => value.split(',').map((item) => item.trim()).filter(Boolean));
/** A value the template writes as '' when its option is off. */
const optional = z.string().transform((value) => value.trim() || undefined);

/** The variables the template sets on the engine container, each with what it is. */
export const engineEnvironmentSchema = z.object({
  TABLE_NAME: z.string().min(1).describe('the workspace DynamoDB table: workflows, runs, step results, the run queue'),
  DOCUMENTDB_ENDPOINT: z.string().min(1).describe('the DocumentDB cluster endpoint (host name)'),
  DOCUMENTDB_PORT: z.coerce.number().int().min(1).max(65_535).describe('the DocumentDB port'),
  DOCUMENTDB_SECRET_ARN: z.string().min(1).describe('the DocumentDB master secret (username and password, rotated by Secrets Manager)'),
  DOCUMENTDB_COLLECTIONS: list.describe('the collections the engine creates: bot_definitions,audit_logs'),
  INTEGRATION_SECRET_ARN: z.string().min(1).describe('the integration credentials secret (a JSON object of credential names to values)'),
  NOTIFICATION_TOPIC_ARN: z.string().min(1).describe('the SNS topic for failed runs and notify steps'),
  EVENT_BUS_NAME: optional.describe('the workspace event bus for run events, or empty when event routing is off'),
  TASK_QUEUE_URL: optional.describe('the SQS task queue of approved actions, or empty when the task queue is off'),
  APPROVAL_STATE_MACHINE_ARN: optional.describe('the approval workflow state machine, or empty when approval workflows are off'),
  BEDROCK_MODEL_IDS: list.describe('the Bedrock model IDs bedrock steps may call, or empty when Bedrock is off'),
  BEDROCK_GUARDRAIL_ARN: optional.describe('the ARN of the Bedrock guardrail every model call goes through (the Deny on other calls names it), or empty when it is off'),
  BEDROCK_GUARDRAIL_VERSION: optional.describe('the version of that guardrail, or empty'),
  METERING_URL: z.string().url().describe('the metering sidecar on the task loopback'),
});

/** The environment as the template writes it: every variable, as a string. */
export type EngineEnvironment = { readonly [K in keyof z.input<typeof engineEnvironmentSchema>]: string };

/** The names of the variables, in the schema's order. */
export const ENGINE_ENVIRONMENT_NAMES = Object.keys(engineEnvironmentSchema.shape) as (keyof EngineEnvironment)[];

/** The calls the engine makes on the workspace table (runs, step results, the run queue). */
export const ENGINE_TABLE_ACTIONS = [
  'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:Query',
  'dynamodb:ConditionCheckItem',
];

/** The AWS calls `aws` steps may make; the task role allows exactly these. */
export const ENGINE_STEP_ACTIONS: readonly string[] = AWS_STEP_ACTIONS;

/** The calls the engine makes for approved actions, when approval workflows are on. */
export const ENGINE_APPROVAL_ACTIONS = {
  stateMachine: ['states:StartExecution'],
  executions: ['states:DescribeExecution'],
  taskQueue: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueAttributes'],
};

/** The file the engine writes while it is healthy (it has no listener: a health check reads the file's age). */
export const ENGINE_HEARTBEAT_FILE = '/tmp/engine-heartbeat';
/** The heartbeat is written this often, and is stale after three missed writes. */
export const ENGINE_HEARTBEAT_SECONDS = 10;

/**
 * The container health check the task definition and the image both carry: the heartbeat file is
 * fresh. The first minute is the start period (migrations run before the first heartbeat).
 */
export const ENGINE_HEALTH_CHECK = {
  command: [
    'CMD', 'node', '-e',
    `const s=require('fs').statSync('${ENGINE_HEARTBEAT_FILE}',{throwIfNoEntry:false});process.exit(s&&Date.now()-s.mtimeMs<${3 * ENGINE_HEARTBEAT_SECONDS * 1000}?0:1)`,
  ],
  intervalSeconds: 15, timeoutSeconds: 5, retries: 3, startPeriodSeconds: 60,
};

/** The image's working directory, which holds the bundle (`engine.js`) and the CA bundle. */
export const ENGINE_DIRECTORY = '/opt/engine';

/** Where the image keeps the Amazon RDS CA bundle DocumentDB's certificates chain to. */
export const DOCUMENTDB_CA_FILE = `${ENGINE_DIRECTORY}/rds-global-bundle.pem`;

/** The source of the engine's events on the workspace bus. */
export const ENGINE_EVENT_SOURCE = 'workspace.engine';
/** The detail type of each run status change; the bus's failure rule matches the failed ones. */
export const RUN_DETAIL_TYPES: Record<'running' | 'waiting' | 'succeeded' | 'failed' | 'cancelled' | 'timed-out', string> = {
  running: 'Run Started',
  waiting: 'Run Waiting',
  succeeded: 'Run Succeeded',
  failed: 'Run Failed',
  cancelled: 'Run Cancelled',
  'timed-out': 'Run Timed Out',
};
/** The run events that announce a failure (sent to the notification topic). */
export const RUN_FAILURE_DETAIL_TYPES = [RUN_DETAIL_TYPES.failed, RUN_DETAIL_TYPES['timed-out']];
