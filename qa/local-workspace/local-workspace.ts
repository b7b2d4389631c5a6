import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { CreateTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { join } from 'node:path';
import { EngineEnvironment } from '../../services/engine/contract';
import { AuditLog } from '../../services/workspace-data/documents/audit-log';
import { BotDefinitionStore } from '../../services/workspace-data/documents/bot-definitions';
import { DOCUMENTDB_COLLECTIONS, DOCUMENTDB_DATABASE } from '../../services/workspace-data/documents/collections';
import { DocumentDbConnection } from '../../services/workspace-data/documents/connection';
import { WorkflowStore } from '../../services/workspace-data/workflow-store';
import { LocalDocumentDb, startLocalDocumentDb } from '../local-documentdb/ferretdb-server';
import { LOCAL_CREDENTIALS, LocalAws, startLocalAws } from '../local-aws/moto-server';
import { createWorkspaceTable } from '../local-aws/workspace-table';
import { ServiceProcess, startServiceProcess } from './service-process';

const ENGINE_MAIN = join(__dirname, '../../services/engine/main.ts');
const SIDECAR_MAIN = join(__dirname, '../../services/metering/main.ts');
export const REGION = 'us-east-1';

/** The integration credentials a local workspace starts with (names a demo bot may use). */
export type IntegrationSecrets = Record<string, string>;

/** Options of {@link startLocalWorkspace}. */
export interface LocalWorkspaceOptions {
  /** The integration credentials secret's content. @default {} */
  readonly integrationSecrets?: IntegrationSecrets;
}

/** The workspace's data services and metering on loopback, with engines started on demand. */
export interface LocalWorkspace {
  readonly aws: LocalAws;
  readonly documentDb: LocalDocumentDb;
  readonly tableName: string;
  readonly sidecarUrl: string;
  readonly topicArn: string;
  readonly integrationSecretArn: string;
  readonly documentDbSecretArn: string;
  readonly dynamoDb: DynamoDBClient;
  readonly workflows: WorkflowStore;
  readonly definitions: BotDefinitionStore;
  readonly audit: AuditLog;
  /** The environment the template would set on an engine container, pointed at the local services. */
  engineEnvironment(overrides?: Record<string, string>): Record<string, string>;
  /**
   * Starts an engine process and resolves once it claims runs.
   * @param main the engine's entry: its source (the default), or the bundle the image runs
   */
  startEngine(overrides?: Record<string, string>, main?: string): Promise<ServiceProcess>;
  /** What the sidecar has recorded, per dimension, over the last day. */
  meteredUnits(): Promise<Record<string, number>>;
  stop(): Promise<void>;
}

/** The SDK's settings for processes talking to the local endpoint (the SDK reads AWS_ENDPOINT_URL). */
export function localAwsEnvironment(aws: LocalAws): Record<string, string> {
  return {
    AWS_ENDPOINT_URL: aws.endpoint, AWS_REGION: REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
  };
}

/**
 * Starts moto server and FerretDB (TLS, SCRAM), creates what the template would (the table, the
 * DocumentDB master secret, the integration credentials secret, the notification topic), and starts the
 * real metering sidecar on a DynamoDB ledger in the table, reporting nothing (mode off).
 */
export async function startLocalWorkspace(options: LocalWorkspaceOptions = {}): Promise<LocalWorkspace> {
  const [aws, documentDb] = await Promise.all([startLocalAws(), startLocalDocumentDb()]);
  const client = { endpoint: aws.endpoint, region: REGION, credentials: LOCAL_CREDENTIALS };
  const dynamoDb = new DynamoDBClient(client);
  const secrets = new SecretsManagerClient(client);
  const tableName = await createWorkspaceTable(dynamoDb);
  const { ARN: documentDbSecretArn } = await secrets.send(new CreateSecretCommand({
    Name: 'workspace/documentdb', SecretString: JSON.stringify({ username: documentDb.username, password: documentDb.password }),
  }));
  const { ARN: integrationSecretArn } = await secrets.send(new CreateSecretCommand({
    Name: 'workspace/integrations', SecretString: JSON.stringify(options.integrationSecrets ?? {}),
  }));
  const { TopicArn: topicArn } = await new SNSClient(client).send(new CreateTopicCommand({ Name: 'workspace-notifications' }));
  const awsEnvironment = localAwsEnvironment(aws);
  const sidecar = startServiceProcess(SIDECAR_MAIN, {
    ...awsEnvironment, METERING_MODE: 'off', METERING_DIMENSIONS: 'AutomationRuns,AiAssistedSteps',
    METERING_STORAGE: `dynamodb:${tableName}`, METERING_PORT: '0',
  });
  const listening = await sidecar.waitForLog((entry) => entry.message === 'metering sidecar listening');
  const sidecarUrl = String(listening.url);
  const connection = new DocumentDbConnection({
    host: documentDb.host, port: documentDb.port, caFile: documentDb.caFile, database: DOCUMENTDB_DATABASE, replicaSet: '',
    credentials: async () => ({ username: documentDb.username, password: documentDb.password }),
  });
  const engines: ServiceProcess[] = [];

  const engineEnvironment = (overrides: Record<string, string> = {}) => {
    const template: EngineEnvironment = {
      TABLE_NAME: tableName, DOCUMENTDB_ENDPOINT: documentDb.host, DOCUMENTDB_PORT: String(documentDb.port),
      DOCUMENTDB_SECRET_ARN: documentDbSecretArn!, DOCUMENTDB_COLLECTIONS: DOCUMENTDB_COLLECTIONS.join(','),
      INTEGRATION_SECRET_ARN: integrationSecretArn!, NOTIFICATION_TOPIC_ARN: topicArn!,
      EVENT_BUS_NAME: '', TASK_QUEUE_URL: '', APPROVAL_STATE_MACHINE_ARN: '', BEDROCK_MODEL_IDS: '',
      BEDROCK_GUARDRAIL_ARN: '', BEDROCK_GUARDRAIL_VERSION: '', METERING_URL: sidecarUrl,
    };
    return { ...awsEnvironment, ...template, DOCUMENTDB_CA_FILE: documentDb.caFile, DOCUMENTDB_REPLICA_SET: '', ENGINE_POLL_MS: '200', ...overrides };
  };

  return {
    aws, documentDb, tableName, sidecarUrl, topicArn: topicArn!, integrationSecretArn: integrationSecretArn!, documentDbSecretArn: documentDbSecretArn!,
    dynamoDb, workflows: new WorkflowStore(dynamoDb, tableName), definitions: new BotDefinitionStore(connection), audit: new AuditLog(connection),
    engineEnvironment,
    async startEngine(overrides, main = ENGINE_MAIN) {
      const engine = startServiceProcess(main, engineEnvironment(overrides));
      engines.push(engine);
      await engine.waitForLog((entry) => entry.message === 'engine started');
      return engine;
    },
    async meteredUnits() {
      const response = await fetch(`${sidecarUrl}/v1/usage/summary`);
      const { hours } = await response.json() as { hours: { dimension: string; quantity: number }[] };
      const units: Record<string, number> = {};
      for (const hour of hours) units[hour.dimension] = (units[hour.dimension] ?? 0) + hour.quantity;
      return units;
    },
    async stop() {
      await Promise.all(engines.map((engine) => engine.stop('SIGKILL')));
      await sidecar.stop();
      await connection.close();
      await Promise.all([aws.stop(), documentDb.stop()]);
    },
  };
}
