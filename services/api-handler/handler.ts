import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { S3Client } from '@aws-sdk/client-s3';
import { SFNClient } from '@aws-sdk/client-sfn';
import { AutomationStore } from '../automation/automation-store';
import { AuditLog } from '../workspace-data/documents/audit-log';
import { BotDefinitionStore } from '../workspace-data/documents/bot-definitions';
import { DOCUMENTDB_DATABASE } from '../workspace-data/documents/collections';
import { credentialsFromSecret, DocumentDbConnection } from '../workspace-data/documents/connection';
import { secretKeys } from '../workspace-data/documents/secret-keys';
import { WorkflowService } from '../workspace-data/workflow-service';
import { WorkflowStore } from '../workspace-data/workflow-store';
import { createApiHandler } from './api-handler';
import { BotExports } from './bot-exports';
import { apiHandlerEnvironmentSchema, LAMBDA_RUNTIME_CA_FILE } from './contract';

const environment = apiHandlerEnvironmentSchema.parse(process.env);
const dynamoDb = new DynamoDBClient({});
const secrets = new SecretsManagerClient({});
const store = new WorkflowStore(dynamoDb, environment.TABLE_NAME);
const connection = new DocumentDbConnection({
  host: environment.DOCUMENTDB_ENDPOINT, port: environment.DOCUMENTDB_PORT, caFile: LAMBDA_RUNTIME_CA_FILE, database: DOCUMENTDB_DATABASE,
  credentials: credentialsFromSecret(secrets, environment.DOCUMENTDB_SECRET_ARN),
});
const audit = new AuditLog(connection);

/** The Lambda entry point, configured by the environment the workspace template sets. */
export const handler = createApiHandler({
  store,
  workflows: new WorkflowService(store, new BotDefinitionStore(connection), audit),
  audit,
  credentialNames: () => secretKeys(secrets, environment.INTEGRATION_SECRET_ARN),
  approvals: environment.APPROVAL_WORKFLOWS === 'true' ? { store: new AutomationStore(dynamoDb, environment.TABLE_NAME), sfn: new SFNClient({}), audit } : undefined,
  exports: environment.EXPORT_BUCKET ? new BotExports(new S3Client({}), environment.EXPORT_BUCKET) : undefined,
  now: () => new Date(),
  allowedOrigin: environment.ALLOWED_ORIGIN,
  log: (entry) => console.log(JSON.stringify(entry)),
});
