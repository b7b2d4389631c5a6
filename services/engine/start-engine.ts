import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { hostname } from 'node:os';
import { AutomationStore } from '../automation/automation-store';
import { AuditLog } from '../workspace-data/documents/audit-log';
import { BotDefinitionStore } from '../workspace-data/documents/bot-definitions';
import { DOCUMENTDB_DATABASE } from '../workspace-data/documents/collections';
import { credentialsFromSecret, DocumentDbConnection } from '../workspace-data/documents/connection';
import { ApprovedActions } from './approved-actions';
import { EngineConfig } from './config';
import { IntegrationCredentials } from './credentials';
import { Engine } from './engine';
import { MeteringClient } from './metering-client';
import { RunEvents } from './run-events';
import { RunExecutor } from './runs/run-executor';
import { RunQueue } from './runs/run-queue';
import { migrate } from './schema/migrate';
import { MIGRATIONS } from './schema/migrations';
import { AwsStepClients } from './steps/aws-step';
import { stepHandlers } from './steps/step-handlers';

/** A started engine and how to stop it. */
export interface RunningEngine {
  readonly engine: Engine;
  readonly schemaVersion: number;
  /** Drains (up to the configured seconds), releases what is left and closes the connections. */
  stop(): Promise<void>;
}

/**
 * Builds the engine from its configuration: AWS clients (the SDK also reads AWS_ENDPOINT_URL, which
 * points a local workspace at its stand-ins), the DocumentDB connection with credentials from the
 * master secret, the schema migrations (before anything is claimed), and the run loop.
 */
export async function startEngine(config: EngineConfig, log: (entry: Record<string, unknown>) => void): Promise<RunningEngine> {
  const owner = config.ENGINE_ID ?? `${hostname()}:${process.pid}`;
  const secrets = new SecretsManagerClient({});
  const connection = new DocumentDbConnection({
    host: config.DOCUMENTDB_ENDPOINT, port: config.DOCUMENTDB_PORT, caFile: config.DOCUMENTDB_CA_FILE, database: DOCUMENTDB_DATABASE,
    replicaSet: config.DOCUMENTDB_REPLICA_SET, credentials: credentialsFromSecret(secrets, config.DOCUMENTDB_SECRET_ARN),
  });
  const schemaVersion = await connection.use((db) => migrate(db, MIGRATIONS, { owner }));
  log({ level: 'info', message: 'DocumentDB schema current', version: schemaVersion, collections: config.DOCUMENTDB_COLLECTIONS });

  const dynamoDb = new DynamoDBClient({});
  const audit = new AuditLog(connection);
  const metering = new MeteringClient(config.METERING_URL);
  const credentials = new IntegrationCredentials({
    client: secrets, secretId: config.INTEGRATION_SECRET_ARN,
    onUse: (use) => audit.append({ actor: 'engine', action: 'credential.used', target: `credential/${use.name}`, outcome: 'success', at: new Date(), detail: { runId: use.runId, stepId: use.stepId } }),
  });
  const sns = new SNSClient({});
  const sfn = new SFNClient({});
  const handlers = stepHandlers({
    credentials,
    aws: new AwsStepClients(),
    bedrock: {
      client: new BedrockRuntimeClient({}), modelIds: config.BEDROCK_MODEL_IDS,
      guardrail: config.BEDROCK_GUARDRAIL_ARN ? { id: config.BEDROCK_GUARDRAIL_ARN, version: config.BEDROCK_GUARDRAIL_VERSION ?? 'DRAFT' } : undefined,
    },
    notify: { sns, topicArn: config.NOTIFICATION_TOPIC_ARN, credentials },
    approvals: config.APPROVAL_STATE_MACHINE_ARN ? { sfn, stateMachineArn: config.APPROVAL_STATE_MACHINE_ARN } : undefined,
    meterAiStep: (id) => metering.record('AiAssistedSteps', id),
  });
  const leaseMs = config.ENGINE_LEASE_SECONDS * 1000;
  const queue = new RunQueue(dynamoDb, config.TABLE_NAME, { owner, leaseMs });
  const executor = new RunExecutor({
    queue, definitions: new BotDefinitionStore(connection), audit, metering, handlers, log, heartbeatMs: Math.floor(leaseMs / 3),
    events: new RunEvents({ sns, topicArn: config.NOTIFICATION_TOPIC_ARN, bus: config.EVENT_BUS_NAME ? { client: new EventBridgeClient({}), name: config.EVENT_BUS_NAME } : undefined, log }),
  });
  const companions = config.TASK_QUEUE_URL
    ? [new ApprovedActions({ sqs: new SQSClient({}), queueUrl: config.TASK_QUEUE_URL, tasks: new AutomationStore(dynamoDb, config.TABLE_NAME), handlers, metering, audit, log })]
    : [];
  const engine = new Engine({ queue, executor, concurrency: config.ENGINE_CONCURRENCY, pollMs: config.ENGINE_POLL_MS, log, companions });
  engine.start();
  log({ level: 'info', message: 'engine started', owner, concurrency: config.ENGINE_CONCURRENCY, approvedActions: companions.length > 0 });
  return {
    engine, schemaVersion,
    stop: async () => {
      await engine.stop(config.ENGINE_DRAIN_SECONDS * 1000);
      await connection.close();
    },
  };
}
