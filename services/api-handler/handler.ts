import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SFNClient } from '@aws-sdk/client-sfn';
import { AutomationStore } from '../automation/automation-store';
import { requiredEnvironment } from '../workspace-data/environment';
import { WorkflowStore } from '../workspace-data/workflow-store';
import { createApiHandler } from './api-handler';

const dynamoDb = new DynamoDBClient({});
const tableName = requiredEnvironment('TABLE_NAME');

/** The Lambda entry point, configured by the environment the workspace template sets. */
export const handler = createApiHandler({
  store: new WorkflowStore(dynamoDb, tableName),
  // The template sets APPROVAL_WORKFLOWS to "true" when the approval state machine exists.
  approvals: process.env.APPROVAL_WORKFLOWS === 'true' ? { store: new AutomationStore(dynamoDb, tableName), sfn: new SFNClient({}) } : undefined,
  now: () => new Date(),
  allowedOrigin: requiredEnvironment('ALLOWED_ORIGIN'),
  log: (entry) => console.log(JSON.stringify(entry)),
});
