import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { DescribeExecutionCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { LOCAL_CREDENTIALS, LocalAws, startLocalAws } from '../../../qa/local-aws/moto-server';
import { startLocalApprovals } from '../../../qa/local-workspace/local-approvals';
import { createWorkspaceTable, localDynamoDb } from '../../../qa/local-aws/workspace-table';
import { LocalDocumentDb, startLocalDocumentDb } from '../../../qa/local-documentdb/ferretdb-server';
import { localDocumentDbConnection } from '../../../qa/local-workspace/workspace-data';
import { createApiHandler } from '../../api-handler/api-handler';
import { AuditLog } from '../../workspace-data/documents/audit-log';
import { BotDefinitionStore } from '../../workspace-data/documents/bot-definitions';
import { DocumentDbConnection } from '../../workspace-data/documents/connection';
import { WorkflowService } from '../../workspace-data/workflow-service';
import { WorkflowStore } from '../../workspace-data/workflow-store';
import { AutomationStore } from '../automation-store';
import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SNSClient } from '@aws-sdk/client-sns';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HttpStandIn, startHttpStandIn } from '../../../qa/stand-ins/http-stand-in';
import { ApprovedActions } from '../../engine/approved-actions';
import { IntegrationCredentials } from '../../engine/credentials';
import { MeteringClient } from '../../engine/metering-client';
import { approvalStep } from '../../engine/steps/approval-step';
import { AwsStepClients } from '../../engine/steps/aws-step';
import { stepHandlers } from '../../engine/steps/step-handlers';
import { stepContext } from '../../engine/test/step-context';
import { readConfig } from '../../metering/server/config';
import { RunningSidecar, startSidecar } from '../../metering/server/sidecar';

/**
 * Drives the committed template's automation state machine (its ASL, unchanged) through moto's Step
 * Functions interpreter (execute_state_machine), which runs Lambda tasks, waits on task tokens and
 * applies Retry and Catch; the steps function is the released archive, run with Node by the harness.
 * Approvals are decided through the real API handler; the test plays the agent that takes tasks from
 * the queue and reports their outcome in the table.
 */
const region = 'us-east-1';
const request = (severity: string) => ({
  kind: 'patch', title: 'Apply KB5031356', severity, requestedBy: 'secops@example.org', targets: ['i-0abc', 'i-0def'],
  action: { id: 'install', kind: 'http', inputs: { method: 'POST', url: 'https://patches.example.org/install', body: { kb: 'KB5031356' } } },
  rollback: { id: 'uninstall', kind: 'http', inputs: { method: 'POST', url: 'https://patches.example.org/uninstall', body: { kb: 'KB5031356' } } },
});

describe('approval-gated automation state machine (moto Step Functions interpreter)', () => {
  let aws: LocalAws;
  let documentDb: LocalDocumentDb;
  let connection: DocumentDbConnection;
  let sfn: SFNClient;
  let sqs: SQSClient;
  let store: AutomationStore;
  let stateMachineArn: string;
  let queueUrl: string;
  let api: ReturnType<typeof createApiHandler>;

  before(async () => {
    [aws, documentDb] = await Promise.all([startLocalAws(), startLocalDocumentDb()]);
    connection = localDocumentDbConnection(documentDb, 'workspace');
    const config = { region, endpoint: aws.endpoint, credentials: LOCAL_CREDENTIALS };
    const dynamoDb = localDynamoDb(aws);
    const tableName = await createWorkspaceTable(dynamoDb);
    ({ stateMachineArn, queueUrl, sfn } = await startLocalApprovals({ aws, region, tableName }));
    sqs = new SQSClient(config);
    store = new AutomationStore(dynamoDb, tableName);
    const workflows = new WorkflowStore(dynamoDb, tableName);
    const audit = new AuditLog(connection);
    api = createApiHandler({
      store: workflows, workflows: new WorkflowService(workflows, new BotDefinitionStore(connection), audit), audit, approvals: { store, sfn, audit },
      now: () => new Date(), allowedOrigin: '*', log: () => undefined,
    });
  });
  after(async () => {
    await connection.close();
    await Promise.all([aws.stop(), documentDb.stop()]);
  });

  const eventually = async <T>(what: string, get: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await get();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  };
  const start = async (severity: string, input: unknown = request(severity)) =>
    (await sfn.send(new StartExecutionCommand({ stateMachineArn, name: randomUUID(), input: JSON.stringify(input) }))).executionArn!;
  const finished = (executionArn: string, timeoutMs?: number) => eventually(`execution ${executionArn} to end`, async () => {
    const execution = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    return execution.status === 'RUNNING' ? undefined : execution;
  }, timeoutMs);
  const approvalOf = (executionArn: string) => eventually('the approval request', async () =>
    (await store.pendingApprovals(new Date())).find((approval) => approval.executionArn === executionArn));
  const decide = (approvalId: string, decision: string) => api({
    httpMethod: 'POST', resource: '/approvals/{approvalId}', path: `/approvals/${approvalId}`, pathParameters: { approvalId },
    body: JSON.stringify({ decision, comment: 'change window' }), headers: {}, multiValueHeaders: {}, queryStringParameters: null,
    multiValueQueryStringParameters: null, stageVariables: null, isBase64Encoded: false,
    requestContext: { authorizer: { claims: { email: 'approver@example.org' } } } as never,
  } as APIGatewayProxyEvent);
  /** Plays the agent: takes the next task from the queue and reports `outcome` for it. */
  const agentPerforms = async (outcome: 'succeeded' | 'failed') => {
    const message = await eventually('a task on the queue', async () =>
      (await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 1 }))).Messages?.[0]);
    await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle }));
    const task = JSON.parse(message.Body!);
    await store.finishTask(task.taskId, outcome, outcome === 'failed' ? 'agent could not install the patch' : 'installed');
    return task;
  };

  test('when a risky automation is approved through the API, then the agents run it, it is verified, and the execution succeeds', async () => {
    const executionArn = await start('high');
    const approval = await approvalOf(executionArn);
    assert.equal(approval.risk.level, 'high');
    const response = await decide(approval.approvalId, 'approve');
    assert.equal(response.statusCode, 200, response.body);
    const task = await agentPerforms('succeeded');
    assert.deepEqual([task.purpose, task.step.id, task.executionArn], ['apply', 'install', executionArn]);
    assert.equal((await store.getApproval(approval.approvalId)).approval.status, 'approved');
    const execution = await finished(executionArn);
    assert.equal(execution.status, 'SUCCEEDED', JSON.stringify(execution));
    assert.equal(JSON.parse(execution.output!).verification.status, 'succeeded');
  });

  test('when a risky automation is rejected through the API, then nothing is queued and the execution fails as rejected', async () => {
    const executionArn = await start('critical');
    const approval = await approvalOf(executionArn);
    assert.equal((await decide(approval.approvalId, 'reject')).statusCode, 200);
    const execution = await finished(executionArn);
    assert.equal(execution.status, 'FAILED');
    assert.equal(execution.error, 'ApprovalRejected');
    assert.equal((await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl }))).Messages, undefined);
    assert.equal((await decide(approval.approvalId, 'approve')).statusCode, 409);
  });

  test('when the agent reports the action failed, then its rollback is queued and the execution fails as rolled back', async () => {
    const executionArn = await start('low');
    const applied = await agentPerforms('failed');
    assert.equal(applied.purpose, 'apply');
    const rollback = await agentPerforms('succeeded');
    assert.deepEqual([rollback.purpose, rollback.step.id, rollback.executionArn], ['roll-back', 'uninstall', executionArn]);
    const execution = await finished(executionArn);
    assert.equal(execution.status, 'FAILED');
    assert.equal(execution.error, 'ActionRolledBack');
  });

  test('when a low-risk automation runs, then nobody is asked and the action goes straight to the agents', async () => {
    const executionArn = await start('low');
    await agentPerforms('succeeded');
    assert.equal((await finished(executionArn)).status, 'SUCCEEDED');
    assert.equal((await store.pendingApprovals(new Date())).some((approval) => approval.executionArn === executionArn), false);
  });
  describe('with the engine taking the actions', () => {
    let patches: HttpStandIn;
    let sidecar: RunningSidecar;
    let ledgerDir: string;
    let consumer: AbortController;
    let consuming: Promise<void>;
    let audit: AuditLog;

    before(async () => {
      patches = await startHttpStandIn((received) => (received.path === '/broken' ? { status: 500, body: 'patch server failed' } : { body: { installed: received.path } }));
      ledgerDir = mkdtempSync(join(tmpdir(), 'engine-ledger-'));
      sidecar = await startSidecar({ ...readConfig({ METERING_MODE: 'off', METERING_DIMENSIONS: 'AutomationRuns,AiAssistedSteps', METERING_STORAGE: `sqlite:${join(ledgerDir, 'ledger.sqlite')}`, METERING_PORT: '0' }) }, { log: () => undefined });
      const config = { region, endpoint: aws.endpoint, credentials: LOCAL_CREDENTIALS };
      const secrets = new SecretsManagerClient(config);
      const { ARN } = await secrets.send(new CreateSecretCommand({ Name: 'integrations', SecretString: '{}' }));
      audit = new AuditLog(connection);
      const credentials = new IntegrationCredentials({ client: secrets, secretId: ARN!, onUse: async () => undefined });
      const metering = new MeteringClient(sidecar.url);
      const handlers = stepHandlers({
        credentials, aws: new AwsStepClients(config),
        bedrock: { client: new BedrockRuntimeClient(config), modelIds: [] }, notify: { sns: new SNSClient(config), topicArn: 'arn:aws:sns:us-east-1:123456789012:none', credentials },
        meterAiStep: (id) => metering.record('AiAssistedSteps', id),
      });
      consumer = new AbortController();
      consuming = new ApprovedActions({ sqs, queueUrl, tasks: store, handlers, metering, audit, log: () => undefined }).start(consumer.signal);
    });
    after(async () => {
      consumer.abort();
      await consuming;
      await sidecar.stop();
      await patches.close();
      rmSync(ledgerDir, { recursive: true, force: true });
    });

    const patchRequest = (severity: string, actionPath: string) => ({
      ...request(severity),
      action: { id: 'install', kind: 'http', retry: { maxAttempts: 1 }, inputs: { method: 'POST', url: `${patches.url}${actionPath}`, body: { kb: 'KB5031356' } } },
      rollback: { id: 'uninstall', kind: 'http', inputs: { method: 'POST', url: `${patches.url}/uninstall`, body: { kb: 'KB5031356' } } },
    });

    test('when a risky automation is approved, then the engine performs the action once, records its outcome and the execution succeeds', async () => {
      const executionArn = await start('high', patchRequest('high', '/install'));
      const approval = await approvalOf(executionArn);
      assert.equal((await decide(approval.approvalId, 'approve')).statusCode, 200);
      const execution = await finished(executionArn);
      assert.equal(execution.status, 'SUCCEEDED', JSON.stringify(execution));
      const installs = patches.received.filter((received) => received.path === '/install');
      assert.equal(installs.length, 1);
      const taskId = JSON.parse(execution.output!).task.taskId;
      assert.equal(installs[0].headers['idempotency-key'], taskId);
      assert.equal((await store.getTask(taskId))?.status, 'succeeded');
      assert.equal((await audit.about(`task/${taskId}`))[0].action, 'action.performed');
      assert.equal((await audit.about(`approval/${approval.approvalId}`))[0].action, 'approval.decided');
    });

    test('when a bot\'s approval step runs, then it starts the approval workflow, waits off the engine, and completes once the approved action is done', async () => {
      const step = approvalStep({ sfn, stateMachineArn });
      const context = stepContext();
      const { requestedBy: _requestedBy, ...request } = patchRequest('high', '/install-from-bot');
      const inputs = step.inputs.parse(request);
      const first = await step.execute(inputs, context);
      assert.ok('suspendUntil' in first, 'the run waits while a person decides');
      const executionArn = String(first.progress.executionArn);
      assert.match(executionArn, new RegExp(`:run-${context.run.runId}-1$`));
      const again = await step.execute(inputs, context);
      assert.ok('suspendUntil' in again && again.progress.executionArn === executionArn, 'a resumed step starts no second execution');
      const approval = await approvalOf(executionArn);
      assert.equal((await decide(approval.approvalId, 'approve')).statusCode, 200);
      await finished(executionArn);
      const done = await step.execute(inputs, { ...context, progress: first.progress });
      assert.ok('output' in done);
      assert.equal((done.output as { approved: boolean }).approved, true);
      assert.equal(patches.received.filter((received) => received.path === '/install-from-bot').length, 1);
    });

    test('when the engine\'s action fails, then the failure takes the rollback path, the engine performs the rollback, and the execution ends rolled back', async () => {
      const executionArn = await start('low', patchRequest('low', '/broken'));
      const execution = await finished(executionArn, 120_000);
      assert.equal(execution.status, 'FAILED');
      assert.equal(execution.error, 'ActionRolledBack');
      assert.match(execution.cause ?? '', /patch server failed/);
      assert.equal(patches.received.filter((received) => received.path === '/uninstall').length, 1);
    });
  });
});
