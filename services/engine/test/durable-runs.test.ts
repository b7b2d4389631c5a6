import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import { SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { LOCAL_CREDENTIALS } from '../../../qa/local-aws/moto-server';
import { LocalWorkspace, REGION, startLocalWorkspace } from '../../../qa/local-workspace/local-workspace';
import { ServiceProcess, startServiceProcess } from '../../../qa/local-workspace/service-process';
import { HttpStandIn, startHttpStandIn } from '../../../qa/stand-ins/http-stand-in';
import { localDocumentDbConnection } from '../../../qa/local-workspace/workspace-data';
import { createWorkflowExecutor } from '../../workflow-executor/workflow-executor';
import { DOCUMENTDB_DATABASE } from '../../workspace-data/documents/collections';
import { Run, workflowInputSchema } from '../../workspace-data/workflow';
import { SCHEMA_COLLECTION } from '../schema/migrate';
import { MIGRATIONS } from '../schema/migrations';
import { WorkflowService } from '../../workspace-data/workflow-service';

/**
 * The engine as its container runs it (a process, configured by the template's environment) on the
 * local workspace: moto for AWS, FerretDB for DocumentDB, the real metering sidecar. Runs are queued
 * as the API and the scheduler queue them, and read back as the API reads them.
 */
describe('durable runs (engine processes on the local workspace)', () => {
  let workspace: LocalWorkspace;
  let service: HttpStandIn;
  let workflows: WorkflowService;
  let notifications: { sqs: SQSClient; queueUrl: string };
  const engines: ServiceProcess[] = [];
  const slowMs = 4000;

  before(async () => {
    service = await startHttpStandIn((request) => {
      if (request.path === '/slow') return { delayMs: slowMs, body: { done: true } };
      if (request.path === '/missing') return { status: 404, body: { message: 'no such host' } };
      return { body: { host: 'srv-1', patched: false, authorization: request.headers.authorization ?? null } };
    });
    workspace = await startLocalWorkspace({ integrationSecrets: { 'inventory-token': 'tok-123' } });
    workflows = new WorkflowService(workspace.workflows, workspace.definitions, workspace.audit);
    const client = { region: REGION, endpoint: workspace.aws.endpoint, credentials: LOCAL_CREDENTIALS };
    const sqs = new SQSClient(client);
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'operators' }));
    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
    await new SNSClient(client).send(new SubscribeCommand({ TopicArn: workspace.topicArn, Protocol: 'sqs', Endpoint: Attributes!.QueueArn, Attributes: { RawMessageDelivery: 'true' } }));
    notifications = { sqs, queueUrl: QueueUrl! };
  });
  after(async () => {
    await Promise.all(engines.map((engine) => engine.stop('SIGKILL')));
    await workspace.stop();
    await service.close();
  });

  // Each test decides which engines run.
  beforeEach(async () => {
    await Promise.all(engines.splice(0).map((engine) => engine.stop('SIGKILL')));
  });

  const startEngine = async (overrides: Record<string, string> = {}) => {
    const engine = await workspace.startEngine(overrides);
    engines.push(engine);
    return engine;
  };
  const define = (steps: unknown[], extra: Record<string, unknown> = {}) =>
    workflows.create(workflowInputSchema.parse({ name: 'test bot', steps, ...extra }), 'secops@example.org', new Date());
  const runOf = async (steps: unknown[], extra: Record<string, unknown> = {}) => {
    const workflow = await define(steps, extra);
    return workflows.queueRun(workflow.workflowId, { by: 'secops@example.org', trigger: 'manual', input: { host: 'srv-1' } }, new Date());
  };
  const until = async <T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await check();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  const ended = (runId: string, timeoutMs?: number) => until(`run ${runId} to end`, async () => {
    const run = await workspace.workflows.getRun(runId);
    return ['succeeded', 'failed', 'cancelled', 'timed-out'].includes(run.status) ? run : undefined;
  }, timeoutMs);
  const requestsTo = (path: string) => service.received.filter((request) => request.path === path);
  const fetchStep = (id: string, path: string) => ({ id, kind: 'http', inputs: { url: `{% "${service.url}${path}?host=" & input.host %}`, credential: { name: 'inventory-token' } } });

  test('when a workflow is run by hand, then each step\'s result, the audit entries and one AutomationRuns unit are recorded', async () => {
    await startEngine();
    const metered = (await workspace.meteredUnits()).AutomationRuns ?? 0;
    const run = await runOf([
      fetchStep('lookup', '/hosts'),
      { id: 'needsPatch', kind: 'condition', inputs: { expression: 'steps.lookup.body.patched = false', then: 'summary', else: 'nothing' } },
      { id: 'nothing', kind: 'transform', inputs: { expression: '"nothing to do"' }, next: 'summary' },
      { id: 'summary', kind: 'transform', inputs: { expression: '{"host": steps.lookup.body.host, "action": "patch"}' } },
    ]);
    const done = await ended(run.runId);
    assert.equal(done.status, 'succeeded');
    const steps = await workspace.workflows.listSteps(run.runId);
    assert.deepEqual(steps.map((step) => [step.seq, step.stepId, step.status, step.next]), [[1, 'lookup', 'succeeded', 'needsPatch'], [2, 'needsPatch', 'succeeded', 'summary'], [3, 'summary', 'succeeded', undefined]]);
    assert.deepEqual(steps[2].output, { host: 'srv-1', action: 'patch' });
    assert.equal((steps[0].output as { body: { authorization: string } }).body.authorization, 'Bearer tok-123');
    assert.doesNotMatch(JSON.stringify(steps[0].input), /tok-123/, 'the recorded input names the credential, never its value');
    const actions = (await workspace.audit.about(`run/${run.runId}`)).map((entry) => entry.action).reverse();
    assert.deepEqual(actions, ['run.queued', 'run.started', 'run.ended']);
    assert.ok((await workspace.audit.about('credential/inventory-token')).some((entry) => entry.detail?.runId === run.runId));
    assert.equal((await workspace.meteredUnits()).AutomationRuns, metered + 1);
  });

  test('when a schedule is due, then the executor queues a run of the latest definition and the engine runs it, billed once', async () => {
    await startEngine();
    const metered = (await workspace.meteredUnits()).AutomationRuns ?? 0;
    const workflow = await define([{ id: 'hello', kind: 'transform', inputs: { expression: 'run.trigger' } }], { schedule: 'rate(5 minutes)' });
    const tick = createWorkflowExecutor({ store: workspace.workflows, log: () => undefined });
    const summary = await tick({ source: 'workspace.schedule', time: new Date(Math.ceil(Date.now() / 300_000) * 300_000).toISOString() });
    assert.deepEqual(summary.queued.filter((id) => id === workflow.workflowId), [workflow.workflowId]);
    const [queued] = (await workspace.workflows.listRuns(workflow.workflowId, 5)).items;
    const done = await ended(queued.runId);
    assert.deepEqual([done.status, done.trigger], ['succeeded', 'schedule']);
    assert.equal((await workspace.workflows.listSteps(queued.runId))[0].output, 'schedule');
    assert.equal((await workspace.meteredUnits()).AutomationRuns, metered + 1);
  });

  test('when a run is cancelled before any engine starts it, then it ends cancelled and is not billed', async () => {
    const metered = (await workspace.meteredUnits()).AutomationRuns ?? 0;
    const run = await runOf([{ id: 'never', kind: 'transform', inputs: { expression: '1' } }]);
    assert.equal(await workspace.workflows.cancelRun(run.runId, new Date()), 'cancelled');
    await startEngine();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const cancelled = await workspace.workflows.getRun(run.runId);
    assert.deepEqual([cancelled.status, cancelled.startedAt], ['cancelled', undefined]);
    assert.deepEqual(await workspace.workflows.listSteps(run.runId), []);
    assert.equal((await workspace.meteredUnits()).AutomationRuns ?? 0, metered);
  });

  test('when an engine is killed mid-step, then another resumes the run after its last completed step, re-sends the step with the same Idempotency-Key, and the run is billed once', async () => {
    const lease = { ENGINE_LEASE_SECONDS: '5' };
    const first = await startEngine(lease);
    const metered = (await workspace.meteredUnits()).AutomationRuns ?? 0;
    const fastBefore = requestsTo('/fast').length;
    const slowBefore = requestsTo('/slow').length;
    const run = await runOf([fetchStep('fast', '/fast'), fetchStep('slow', '/slow'), { id: 'report', kind: 'transform', inputs: { expression: 'steps.slow.body.done' } }]);
    await until('the slow step to be sent', async () => (requestsTo('/slow').length > slowBefore ? true : undefined));
    await first.stop('SIGKILL');
    await startEngine(lease);
    const done = await ended(run.runId, 60_000);
    assert.equal(done.status, 'succeeded', JSON.stringify(done.error));
    assert.equal(requestsTo('/fast').length - fastBefore, 1, 'the completed step is not repeated');
    const slow = requestsTo('/slow').slice(slowBefore);
    assert.equal(slow.length, 2);
    assert.equal(slow[0].headers['idempotency-key'], slow[1].headers['idempotency-key']);
    assert.equal(slow[0].headers['idempotency-key'], `${run.runId}:2`);
    assert.deepEqual((await workspace.workflows.listSteps(run.runId)).map((step) => step.stepId), ['fast', 'slow', 'report']);
    assert.equal((await workspace.meteredUnits()).AutomationRuns, metered + 1);
  });

  test('when an engine gets SIGTERM during a long step, then it releases the run within its drain time and exits 0, and another engine finishes it at once', async () => {
    const engine = await startEngine({ ENGINE_DRAIN_SECONDS: '1' });
    const slowBefore = requestsTo('/slow').length;
    const run = await runOf([fetchStep('slow', '/slow')]);
    await until('the slow step to be sent', async () => (requestsTo('/slow').length > slowBefore ? true : undefined));
    const stopping = Date.now();
    assert.equal(await engine.stop('SIGTERM'), 0);
    assert.ok(Date.now() - stopping < 10_000);
    const released = await workspace.workflows.getRun(run.runId);
    assert.equal(released.status, 'running');
    const next = Date.now();
    await startEngine();
    assert.equal((await ended(run.runId)).status, 'succeeded');
    assert.ok(Date.now() - next < slowMs + 5000, 'taken up without waiting for a lease to expire');
  });

  test('when an engine gets SIGTERM during a short step, then it finishes the run before it exits', async () => {
    const engine = await startEngine({ ENGINE_DRAIN_SECONDS: '20' });
    const slowBefore = requestsTo('/slow').length;
    const run = await runOf([fetchStep('slow', '/slow')]);
    await until('the slow step to be sent', async () => (requestsTo('/slow').length > slowBefore ? true : undefined));
    assert.equal(await engine.stop('SIGTERM'), 0);
    assert.equal((await workspace.workflows.getRun(run.runId)).status, 'succeeded');
  });

  test('when a step fails, then the run fails naming the step and the error, and the notification topic hears of it', async () => {
    await startEngine();
    const run = await runOf([{ id: 'fetch', kind: 'http', inputs: { url: `${service.url}/missing` } }]);
    const done = await ended(run.runId);
    assert.equal(done.status, 'failed');
    assert.equal(done.error?.stepId, 'fetch');
    assert.match(done.error!.message, /answered 404/);
    const heard = await until('the failure notification', async () => {
      const { Messages = [] } = await notifications.sqs.send(new ReceiveMessageCommand({ QueueUrl: notifications.queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
      return Messages.map((message) => JSON.parse(message.Body!)).find((message) => message.runId === run.runId);
    });
    assert.deepEqual([heard.detailType, heard.status, heard.error.stepId], ['Run Failed', 'failed', 'fetch']);
  });

  test('when an expression gives an input of the wrong type at run time, then the run fails naming the step\'s field', async () => {
    await startEngine();
    const run = await runOf([{ id: 'count', kind: 'transform', inputs: { expression: '42' } }, { id: 'call', kind: 'http', inputs: { url: '{% steps.count %}' } }]);
    const done = await ended(run.runId);
    assert.equal(done.status, 'failed');
    assert.match(done.error!.message, /^steps\.call\.inputs\.url: .*\(as evaluated\)$/);
  });

  test('when a waiting run is cancelled, then it is woken and ends cancelled without running its next step', async () => {
    await startEngine();
    const run = await runOf([{ id: 'pause', kind: 'wait', inputs: { seconds: 600 } }, { id: 'after', kind: 'transform', inputs: { expression: '1' } }]);
    await until('the run to wait', async () => ((await workspace.workflows.getRun(run.runId)).status === 'waiting' ? true : undefined));
    assert.equal(await workspace.workflows.cancelRun(run.runId, new Date()), 'cancel-requested');
    assert.equal((await ended(run.runId)).status, 'cancelled');
    assert.deepEqual((await workspace.workflows.listSteps(run.runId)).map((step) => [step.stepId, step.status]), [['pause', 'waiting']]);
  });

  test('when a run outlives its timeoutSeconds, then it ends timed-out', async () => {
    await startEngine();
    const run = await runOf([{ id: 'pause', kind: 'wait', inputs: { seconds: 10 } }], { timeoutSeconds: 1 });
    const done: Run = await ended(run.runId);
    assert.equal(done.status, 'timed-out');
  });

  test('when the engine\'s environment lacks a variable, then it exits 2 naming it and what it should be', async () => {
    const environment = workspace.engineEnvironment();
    delete (environment as Record<string, string | undefined>).TABLE_NAME;
    const engine = startServiceProcess(join(__dirname, '../main.ts'), environment);
    assert.equal(await engine.exited, 2);
    assert.match(engine.stderr(), /TABLE_NAME: is not set; expected the workspace DynamoDB table/);
  });

  test('when the stored schema is newer than the engine knows, then the engine refuses to start naming both versions, and nothing is claimed', async () => {
    const connection = localDocumentDbConnection(workspace.documentDb, DOCUMENTDB_DATABASE);
    const known = MIGRATIONS.length;
    await connection.use((db) => db.collection(SCHEMA_COLLECTION).updateOne({ _id: 'schema' as never }, { $set: { version: known + 1 } }));
    try {
      const run = await runOf([{ id: 'never', kind: 'transform', inputs: { expression: '1' } }]);
      const engine = startServiceProcess(join(__dirname, '../main.ts'), workspace.engineEnvironment());
      assert.equal(await engine.exited, 2);
      assert.match(engine.stderr(), new RegExp(`schema is at version ${known + 1}, but this engine knows versions up to ${known}`));
      assert.equal((await workspace.workflows.getRun(run.runId)).status, 'queued');
      await workspace.workflows.cancelRun(run.runId, new Date());
    } finally {
      await connection.use((db) => db.collection(SCHEMA_COLLECTION).updateOne({ _id: 'schema' as never }, { $set: { version: known } }));
      await connection.close();
    }
  });
});

