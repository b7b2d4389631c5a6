/**
 * What the workspace template and the workflow executor agree on: the calls its role must allow on the
 * workspace table (WorkflowStore.scheduledWorkflows queries, addRun writes a transaction of puts).
 */
export const WORKFLOW_EXECUTOR_TABLE_ACTIONS = ['dynamodb:Query', 'dynamodb:PutItem'];
