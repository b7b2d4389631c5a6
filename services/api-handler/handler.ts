import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { requiredEnvironment } from '../workspace-data/environment';
import { WorkflowStore } from '../workspace-data/workflow-store';
import { createApiHandler } from './api-handler';

/** The Lambda entry point, configured by the environment the workspace template sets. */
export const handler = createApiHandler({
  store: new WorkflowStore(new DynamoDBClient({}), requiredEnvironment('TABLE_NAME')),
  now: () => new Date(),
  allowedOrigin: requiredEnvironment('ALLOWED_ORIGIN'),
  log: (entry) => console.log(JSON.stringify(entry)),
});
