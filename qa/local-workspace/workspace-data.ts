import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { randomUUID } from 'node:crypto';
import { migrate } from '../../services/engine/schema/migrate';
import { MIGRATIONS } from '../../services/engine/schema/migrations';
import { AuditLog } from '../../services/workspace-data/documents/audit-log';
import { BotDefinitionStore } from '../../services/workspace-data/documents/bot-definitions';
import { DocumentDbConnection } from '../../services/workspace-data/documents/connection';
import { WorkflowService } from '../../services/workspace-data/workflow-service';
import { WorkflowStore } from '../../services/workspace-data/workflow-store';
import { LocalDocumentDb, startLocalDocumentDb } from '../local-documentdb/ferretdb-server';
import { LocalAws, startLocalAws } from '../local-aws/moto-server';
import { createWorkspaceTable, localDynamoDb } from '../local-aws/workspace-table';

/** The workspace's data for one test: a fresh table in moto and a fresh, migrated database in FerretDB. */
export interface WorkspaceData {
  readonly aws: LocalAws;
  readonly dynamoDb: DynamoDBClient;
  readonly tableName: string;
  readonly connection: DocumentDbConnection;
  readonly store: WorkflowStore;
  readonly definitions: BotDefinitionStore;
  readonly audit: AuditLog;
  readonly workflows: WorkflowService;
}

/** A connection to a database of the local DocumentDB-compatible server. */
export function localDocumentDbConnection(documentDb: LocalDocumentDb, database: string): DocumentDbConnection {
  return new DocumentDbConnection({
    host: documentDb.host, port: documentDb.port, caFile: documentDb.caFile, database, replicaSet: '',
    credentials: async () => ({ username: documentDb.username, password: documentDb.password }),
  });
}

/**
 * For a test suite: moto and FerretDB start before the suite and stop after it; each test gets an
 * empty workspace table and an empty DocumentDB database with the engine's schema. Call inside
 * `describe`; read `data()` inside tests and `beforeEach` hooks.
 */
export function freshWorkspaceDataPerTest(hooks: {
  before: (fn: () => Promise<void>) => void;
  after: (fn: () => Promise<void>) => void;
  beforeEach: (fn: () => Promise<void>) => void;
  afterEach: (fn: () => Promise<void>) => void;
}): { data: () => WorkspaceData; aws: () => LocalAws; documentDb: () => LocalDocumentDb } {
  let aws: LocalAws;
  let documentDb: LocalDocumentDb;
  let dynamoDb: DynamoDBClient;
  let current: WorkspaceData;
  hooks.before(async () => {
    [aws, documentDb] = await Promise.all([startLocalAws(), startLocalDocumentDb()]);
    dynamoDb = localDynamoDb(aws);
  });
  hooks.after(async () => {
    await Promise.all([aws.stop(), documentDb.stop()]);
  });
  hooks.beforeEach(async () => {
    const tableName = await createWorkspaceTable(dynamoDb);
    const connection = localDocumentDbConnection(documentDb, `test_${randomUUID().slice(0, 8)}`);
    await connection.use((db) => migrate(db, MIGRATIONS, { owner: 'test' }));
    const store = new WorkflowStore(dynamoDb, tableName);
    const definitions = new BotDefinitionStore(connection);
    const audit = new AuditLog(connection);
    current = { aws, dynamoDb, tableName, connection, store, definitions, audit, workflows: new WorkflowService(store, definitions, audit) };
  });
  hooks.afterEach(async () => {
    await current.connection.close();
  });
  return { data: () => current, aws: () => aws, documentDb: () => documentDb };
}
