import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { recordFunctionUsage } from '../metering/function-usage';
import { requiredEnvironment } from '../workspace-data/environment';
import { AutomationStore } from './automation-store';
import { createAutomationSteps } from './automation-steps';
import { bedrockRiskAdvisor } from './model-advisor';

const log = (entry: Record<string, unknown>) => console.log(JSON.stringify(entry));
const modelId = process.env.BEDROCK_MODEL_ID;
const dynamoDb = new DynamoDBClient({});
const table = requiredEnvironment('TABLE_NAME');
const dimensions = requiredEnvironment('METERING_DIMENSIONS').split(',');

/** The Lambda entry point of the automation state machine's task states, configured by the workspace template. */
export const handler = createAutomationSteps({
  store: new AutomationStore(dynamoDb, table),
  recordUsage: (event) => recordFunctionUsage(event, { client: dynamoDb, table, dimensions }),
  sqs: new SQSClient({}),
  taskQueueUrl: requiredEnvironment('TASK_QUEUE_URL'),
  approvalTimeoutSeconds: positiveNumber('APPROVAL_TIMEOUT_HOURS') * 3600,
  verifyWaitSeconds: positiveNumber('VERIFY_WAIT_SECONDS'),
  advisor: modelId
    ? bedrockRiskAdvisor(new BedrockRuntimeClient({}), { modelId, guardrailId: process.env.GUARDRAIL_ID || undefined, guardrailVersion: process.env.GUARDRAIL_VERSION || undefined }, log)
    : undefined,
  now: () => new Date(),
  sleep: (milliseconds) => new Promise((resolve) => setTimeout(resolve, milliseconds)),
  log,
});

function positiveNumber(name: string): number {
  const value = Number(requiredEnvironment(name));
  if (!Number.isFinite(value) || value <= 0) throw new Error(`environment variable ${name} must be a positive number, not ${process.env[name]}`);
  return value;
}
