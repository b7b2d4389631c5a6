import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { requiredEnvironment } from '../workspace-data/environment';
import { WorkflowStore } from '../workspace-data/workflow-store';
import { createWorkflowExecutor } from './workflow-executor';

/** The Lambda entry point, configured by the environment the workspace template sets. */
export const handler = createWorkflowExecutor({
  store: new WorkflowStore(new DynamoDBClient({}), requiredEnvironment('TABLE_NAME')),
  log: (entry) => console.log(JSON.stringify(entry)),
});
