import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import assert from 'node:assert/strict';
import { createServer, Http2Server, Http2ServerRequest, Http2ServerResponse } from 'node:http2';
import { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, test } from 'node:test';
import { METERING_DIMENSIONS } from '../../metering/contract';
import { LOCAL_CREDENTIALS, LocalAws, startLocalAws } from '../../../qa/local-aws/moto-server';
import { createWorkspaceTable, localDynamoDb } from '../../../qa/local-aws/workspace-table';
import { recordFunctionUsage } from '../../metering/function-usage';
import { HOUR_MS } from '../../metering/ledger/hours';
import { DynamoDbLedger } from '../../metering/ledger/dynamodb-ledger';
import { AutomationStepEvent, createAutomationSteps, stepUsageId } from '../automation-steps';
import { AutomationStore } from '../automation-store';
import { bedrockRiskAdvisor } from '../model-advisor';

const MODEL = 'anthropic.claude-3-5-sonnet-20240620-v1:0';
const EXECUTION = 'arn:aws:states:us-east-1:123456789012:execution:workspace-automation:run-1';
const request = {
  kind: 'patch', title: 'Apply KB5031356', severity: 'low', requestedBy: 'secops@example.org', targets: ['i-0abc'],
  action: { id: 'install', kind: 'aws', inputs: { action: 'ssm:SendCommand', parameters: { DocumentName: 'AWS-RunPatchBaseline' } } },
  rollback: { id: 'uninstall', kind: 'notify', inputs: { message: 'Roll back the patch' } },
};

/**
 * Amazon Bedrock Runtime's InvokeModel on the wire (HTTP/2, which the SDK's Bedrock Runtime client speaks;
 * POST /model/<id>/invoke, the body returned as is, errors named by x-amzn-errortype), answering as
 * Claude's Messages API does; records each call.
 */
async function startBedrockStandIn() {
  const calls: string[] = [];
  let failNext = false;
  const server: Http2Server = createServer((req: Http2ServerRequest, res: Http2ServerResponse) => {
    req.resume();
    req.on('end', () => {
      calls.push(decodeURIComponent(req.url ?? ''));
      if (failNext) {
        failNext = false;
        res.writeHead(400, { 'content-type': 'application/json', 'x-amzn-errortype': 'ValidationException' });
        res.end(JSON.stringify({ message: 'Malformed input request' }));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ content: [{ type: 'text', text: JSON.stringify({ level: 'high', reason: 'patches reboot the host' }) }] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    failNextCall: () => { failNext = true; },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('AI-assisted steps reach the metering ledger (moto DynamoDB, a Bedrock wire stand-in)', () => {
  let aws: LocalAws;
  let bedrock: Awaited<ReturnType<typeof startBedrockStandIn>>;
  let dynamoDb: DynamoDBClient;
  let table: string;
  before(async () => {
    aws = await startLocalAws();
    bedrock = await startBedrockStandIn();
    dynamoDb = localDynamoDb(aws);
  });
  after(async () => { await bedrock.stop(); await aws.stop(); });
  beforeEach(async () => { table = await createWorkspaceTable(dynamoDb); bedrock.calls.length = 0; });

  /** The steps function as the handler wires it, with or without a model to ask. */
  const steps = (modelId: string | undefined) => createAutomationSteps({
    store: new AutomationStore(dynamoDb, table),
    sqs: new SQSClient({ region: 'us-east-1', endpoint: aws.endpoint, credentials: LOCAL_CREDENTIALS }),
    taskQueueUrl: `${aws.endpoint}/123456789012/tasks`,
    approvalTimeoutSeconds: 3600,
    verifyWaitSeconds: 1,
    advisor: modelId
      ? bedrockRiskAdvisor(new BedrockRuntimeClient({ region: 'us-east-1', endpoint: bedrock.endpoint, credentials: LOCAL_CREDENTIALS, maxAttempts: 1 }), { modelId }, () => {})
      : undefined,
    recordUsage: (event) => recordFunctionUsage(event, { client: dynamoDb, table, dimensions: METERING_DIMENSIONS }),
    now: () => new Date(),
    sleep: async () => {},
    log: () => {},
  });
  const assess = (executionArn: string): AutomationStepEvent => ({ step: 'assess', request, executionArn });
  /** What a sidecar finds in the functions partition and adopts into its task's current hour. */
  const adoptedUsage = async () => {
    const sidecar = await DynamoDbLedger.open(dynamoDb, table, 'task-a', Date.now());
    await sidecar.adoptOrphans(Date.now());
    return (await sidecar.summary(Date.now() - HOUR_MS, Date.now() + HOUR_MS)).map((line) => [line.dimension, line.quantity]);
  };

  test('when the assess step asks the model, then one AiAssistedSteps unit is recorded and a sidecar adopts it', async () => {
    const risk = await steps(MODEL)(assess(EXECUTION)) as { level: string; modelConsulted: boolean };
    assert.deepEqual([risk.level, risk.modelConsulted], ['high', true]);
    assert.deepEqual(bedrock.calls, [`/model/${MODEL}/invoke`]);
    assert.deepEqual(await adoptedUsage(), [['AiAssistedSteps', 1]]);
  });

  test('when Step Functions retries the assess step of the same execution, then the model is asked again but the step counts once', async () => {
    const run = steps(MODEL);
    await run(assess(EXECUTION));
    await run(assess(EXECUTION));
    assert.equal(bedrock.calls.length, 2);
    assert.deepEqual(await recordFunctionUsage({ dimension: 'AiAssistedSteps', quantity: 1, id: stepUsageId(EXECUTION, 'assess') }, { client: dynamoDb, table, dimensions: METERING_DIMENSIONS }), { accepted: 0, duplicates: 1 });
    assert.deepEqual(await adoptedUsage(), [['AiAssistedSteps', 1]]);
  });

  test('when two executions assess, then each counts', async () => {
    const run = steps(MODEL);
    await run(assess(EXECUTION));
    await run(assess(`${EXECUTION}-2`));
    assert.deepEqual(await adoptedUsage(), [['AiAssistedSteps', 2]]);
  });

  test('when the model call fails, then nothing is recorded and the step fails for Step Functions to retry', async () => {
    bedrock.failNextCall();
    await assert.rejects(steps(MODEL)(assess(EXECUTION)), /Malformed input request/);
    assert.deepEqual(await adoptedUsage(), []);
  });

  test('when no model is configured, or the model is not one the advisor can ask, then no usage is recorded', async () => {
    await steps(undefined)(assess(EXECUTION));
    await steps('amazon.titan-text-express-v1')(assess(EXECUTION));
    assert.deepEqual(bedrock.calls, []);
    assert.deepEqual(await adoptedUsage(), []);
  });

  test('when the assess event has no executionArn, then the step fails naming it, before asking the model', async () => {
    await assert.rejects(steps(MODEL)({ step: 'assess', request } as AutomationStepEvent), /executionArn/);
    assert.deepEqual(bedrock.calls, []);
  });

  test('the idempotency id is the same for every attempt of a step, differs per execution and step, and fits the ledger\'s 64 characters', () => {
    assert.equal(stepUsageId(EXECUTION, 'assess'), stepUsageId(EXECUTION, 'assess'));
    assert.notEqual(stepUsageId(EXECUTION, 'assess'), stepUsageId(`${EXECUTION}-2`, 'assess'));
    assert.notEqual(stepUsageId(EXECUTION, 'assess'), stepUsageId(EXECUTION, 'verify'));
    assert.ok(stepUsageId(`${EXECUTION}${'x'.repeat(200)}`, 'assess').length <= 64);
  });
});
