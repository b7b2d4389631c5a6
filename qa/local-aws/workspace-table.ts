import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { randomUUID } from 'node:crypto';
import { PARTITION_KEY, SORT_KEY } from '../../services/workspace-data/table-schema';
import { WorkflowStore } from '../../services/workspace-data/workflow-store';
import { LOCAL_CREDENTIALS, LocalAws, startLocalAws } from './moto-server';

/** A client of the local endpoint's DynamoDB. */
export function localDynamoDb(aws: LocalAws): DynamoDBClient {
  return new DynamoDBClient({ endpoint: aws.endpoint, region: 'us-east-1', credentials: LOCAL_CREDENTIALS });
}

/** Creates an empty table with the workspace table's keys and returns its name. */
export async function createWorkspaceTable(client: DynamoDBClient): Promise<string> {
  const tableName = `workspace-${randomUUID()}`;
  await client.send(new CreateTableCommand({
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    KeySchema: [{ AttributeName: PARTITION_KEY, KeyType: 'HASH' }, { AttributeName: SORT_KEY, KeyType: 'RANGE' }],
    AttributeDefinitions: [{ AttributeName: PARTITION_KEY, AttributeType: 'S' }, { AttributeName: SORT_KEY, AttributeType: 'S' }],
  }));
  return tableName;
}

/**
 * For a test suite: starts moto before the suite, stops it after, and gives each test a fresh, empty
 * workspace table. Call inside `describe`; read `store()` inside tests and `beforeEach` hooks.
 */
export function freshWorkflowStorePerTest(hooks: {
  before: (fn: () => Promise<void>) => void;
  after: (fn: () => Promise<void>) => void;
  beforeEach: (fn: () => Promise<void>) => void;
}): { store: () => WorkflowStore } {
  let aws: LocalAws;
  let client: DynamoDBClient;
  let store: WorkflowStore;
  hooks.before(async () => {
    aws = await startLocalAws();
    client = localDynamoDb(aws);
  });
  hooks.after(() => aws.stop());
  hooks.beforeEach(async () => {
    store = new WorkflowStore(client, await createWorkspaceTable(client));
  });
  return { store: () => store };
}
