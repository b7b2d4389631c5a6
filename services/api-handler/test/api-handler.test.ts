import type { APIGatewayProxyEvent } from 'aws-lambda';
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { LOCAL_CREDENTIALS } from '../../../qa/local-aws/moto-server';
import { freshWorkspaceDataPerTest } from '../../../qa/local-workspace/workspace-data';
import { RunQueue } from '../../engine/runs/run-queue';
import { BOT_DEFINITIONS } from '../../workspace-data/documents/collections';
import { WorkflowService } from '../../workspace-data/workflow-service';
import { WorkflowStore } from '../../workspace-data/workflow-store';
import { createApiHandler } from '../api-handler';

const ORIGIN = 'https://workspace.example.org';
const NOW = new Date('2026-11-23T10:00:00.000Z');
const workflowBody = {
  name: 'Critical CVEs to Slack', schedule: 'rate(1 day)',
  steps: [
    { id: 'recent', kind: 'nvd', inputs: { operation: 'recent', days: 1, severity: 'CRITICAL' } },
    { id: 'tell', kind: 'slack', inputs: { operation: 'webhook', credential: 'slack-secops', text: '{% $count(steps.recent.cves) & " new critical CVEs" %}' } },
  ],
};

interface RequestOptions { body?: unknown; rawBody?: string; workflowId?: string; runId?: string; query?: Record<string, string>; headers?: Record<string, string> }

function request(method: string, resource: string, options: RequestOptions = {}): APIGatewayProxyEvent {
  const pathParameters = { ...(options.workflowId ? { workflowId: options.workflowId } : {}), ...(options.runId ? { runId: options.runId } : {}) };
  return {
    httpMethod: method,
    resource,
    path: resource,
    pathParameters: Object.keys(pathParameters).length ? pathParameters : null,
    queryStringParameters: options.query ?? null,
    body: options.rawBody ?? (options.body === undefined ? null : JSON.stringify(options.body)),
    headers: options.headers ?? {}, multiValueHeaders: {}, multiValueQueryStringParameters: null, stageVariables: null, isBase64Encoded: false,
    requestContext: { authorizer: { claims: { email: 'admin@example.org', sub: 'user-1' } } } as never,
  };
}

describe('workspace API handler', () => {
  const fresh = freshWorkspaceDataPerTest({ before, after, beforeEach, afterEach });
  let handle: ReturnType<typeof createApiHandler>;
  const logged: Record<string, unknown>[] = [];
  const handlerAt = (now: Date, store = fresh.data().store, workflows = fresh.data().workflows) => createApiHandler({
    store, workflows, audit: fresh.data().audit, now: () => now, allowedOrigin: ORIGIN, log: (entry) => logged.push(entry),
    credentialNames: async () => ['slack-secops', 'nvd-api-key'],
  });

  beforeEach(() => { handle = handlerAt(NOW); });

  const call = async (method: string, resource: string, options: RequestOptions = {}) => {
    const response = await handle(request(method, resource, options));
    return { status: response.statusCode, body: response.body ? JSON.parse(response.body) : undefined, headers: response.headers };
  };
  const create = async (body: unknown = workflowBody) => (await call('POST', '/workflows', { body })).body;
  const tableItems = async () => (await fresh.data().dynamoDb.send(new ScanCommand({ TableName: fresh.data().tableName }))).Items ?? [];
  const definitionCount = () => fresh.data().connection.use((db) => db.collection(BOT_DEFINITIONS).countDocuments());

  test('when a valid workflow is posted, then its metadata goes to the table, its steps to DocumentDB as version 1, and the change to the audit log', async () => {
    const response = await call('POST', '/workflows', { body: workflowBody });
    assert.equal(response.status, 201);
    assert.equal(response.headers!['access-control-allow-origin'], ORIGIN);
    const { workflowId } = response.body;
    assert.deepEqual(await fresh.data().store.getWorkflow(workflowId), {
      workflowId, name: workflowBody.name, schedule: workflowBody.schedule, definitionVersion: 1, stepCount: 2,
      createdBy: 'admin@example.org', createdAt: NOW.toISOString(), updatedAt: NOW.toISOString(),
    });
    const stored = await fresh.data().definitions.get(workflowId, 1);
    assert.deepEqual(stored?.definition.steps, workflowBody.steps);
    const [entry] = await fresh.data().audit.about(`workflow/${workflowId}`);
    assert.deepEqual({ actor: entry.actor, action: entry.action, outcome: entry.outcome }, { actor: 'admin@example.org', action: 'workflow.created', outcome: 'success' });
    assert.deepEqual((await call('GET', '/workflows/{workflowId}', { workflowId })).body.steps, workflowBody.steps);
  });

  for (const [name, body, field] of [
    ['without steps', { name: 'x' }, 'steps'],
    ['with an empty name', { ...workflowBody, name: ' ' }, 'name'],
    ['with a cron schedule', { ...workflowBody, schedule: 'cron(0 * * * ? *)' }, 'schedule'],
    ['with a step of an unknown kind', { ...workflowBody, steps: [{ id: 'a', kind: 'ftp', inputs: {} }] }, 'steps.0.kind'],
    ['with an expression that does not parse', { ...workflowBody, steps: [{ id: 'a', kind: 'transform', inputs: { expression: '$count(' } }] }, 'steps.0.inputs.expression'],
    ['with an embedded expression that does not parse', { ...workflowBody, steps: [{ id: 'a', kind: 'http', inputs: { url: '{% steps.x.( %}' } }] }, 'steps.0.inputs.url'],
    ['with a connector input of the wrong type', { ...workflowBody, steps: [{ id: 'a', kind: 'nvd', inputs: { operation: 'recent', days: 500 } }] }, 'steps.0.inputs.days'],
    ['whose condition goes to a missing step', { ...workflowBody, steps: [{ id: 'a', kind: 'condition', inputs: { expression: 'true', then: 'b' } }] }, 'steps.0.inputs.then'],
    ['with two steps of one ID', { ...workflowBody, steps: [workflowBody.steps[0], workflowBody.steps[0]] }, 'steps.1.id'],
    ['with an unknown field', { ...workflowBody, owner: 'someone' }, 'body'],
  ] as const) {
    test(`when a workflow ${name} is posted, then it is refused naming ${field}, and nothing is stored`, async () => {
      const response = await call('POST', '/workflows', { body });
      assert.equal(response.status, 400);
      assert.equal(response.body.error.code, 'invalid_workflow');
      assert.equal(response.body.error.field, field);
      assert.deepEqual(await tableItems(), []);
      assert.equal(await definitionCount(), 0);
    });
  }

  test('when a workflow names a credential the integration secret does not hold, then it is refused naming the field, and nothing is stored', async () => {
    const steps = [{ ...workflowBody.steps[1], inputs: { ...workflowBody.steps[1].inputs, credential: 'slack-typo' } }];
    const response = await call('POST', '/workflows', { body: { ...workflowBody, steps } });
    assert.equal(response.status, 400);
    assert.deepEqual([response.body.error.code, response.body.error.field], ['unknown_credential', 'steps.0.inputs.credential']);
    assert.match(response.body.error.message, /no credential named "slack-typo"/);
    assert.deepEqual(await tableItems(), []);
  });

  test('when the body is not JSON, then it is refused naming the body', async () => {
    const response = await call('POST', '/workflows', { rawBody: '{name' });
    assert.equal(response.status, 400);
    assert.deepEqual(response.body.error, { code: 'invalid_json', message: 'the request body is not JSON; send a workflow object', field: 'body' });
  });

  test('when workflows are listed page by page, then every workflow appears once', async () => {
    const ids = new Set([(await create()).workflowId, (await create()).workflowId, (await create()).workflowId]);
    const first = (await call('GET', '/workflows', { query: { limit: '2' } })).body;
    assert.equal(first.items.length, 2);
    const second = (await call('GET', '/workflows', { query: { limit: '2', next: first.next } })).body;
    const seen = [...first.items, ...second.items].map((workflow: { workflowId: string }) => workflow.workflowId);
    assert.deepEqual(new Set(seen), ids);
    assert.equal(seen.length, 3);
  });

  test('when the page size or cursor is invalid, then the request is refused naming it', async () => {
    for (const [query, field] of [[{ limit: '0' }, 'limit'], [{ limit: 'ten' }, 'limit'], [{ limit: '101' }, 'limit'], [{ next: 'not-a-cursor' }, 'next']] as const) {
      const response = await call('GET', '/workflows', { query });
      assert.equal(response.status, 400, JSON.stringify(query));
      assert.equal(response.body.error.field, field);
      assert.equal(response.body.error.code, field === 'next' ? 'invalid_cursor' : 'invalid_limit');
    }
  });

  test('when a workflow is replaced, then it gets definition version 2, keeps its author and creation time, and version 1 stays for its runs', async () => {
    const created = await create();
    const later = new Date('2026-11-24T00:00:00.000Z');
    handle = handlerAt(later);
    const response = await call('PUT', '/workflows/{workflowId}', { workflowId: created.workflowId, body: { ...workflowBody, name: 'Critical CVEs, weekly', schedule: 'rate(7 days)' } });
    assert.equal(response.status, 200);
    const stored = await fresh.data().store.getWorkflow(created.workflowId);
    assert.deepEqual([stored.name, stored.definitionVersion, stored.createdAt, stored.updatedAt], ['Critical CVEs, weekly', 2, NOW.toISOString(), later.toISOString()]);
    assert.ok(await fresh.data().definitions.get(created.workflowId, 1));
    assert.ok(await fresh.data().definitions.get(created.workflowId, 2));
  });

  test('when two saves of one version race, then the second is refused with 409 and the first stands', async () => {
    const { workflowId } = await create();
    const { workflows, store } = fresh.data();
    const stale = await store.getWorkflow(workflowId);
    await workflows.replace(workflowId, { ...workflowBody, name: 'first' } as never, 'a@example.org', NOW);
    await assert.rejects(store.putWorkflow({ ...stale, name: 'second', definitionVersion: 2 }, stale.definitionVersion), /changed by someone else/);
    assert.equal((await store.getWorkflow(workflowId)).name, 'first');
  });

  test('when an editor saves over a version someone else replaced, then it is refused with 409 and the newer version stands', async () => {
    const { workflowId } = await create();
    const saved = await call('PUT', '/workflows/{workflowId}', { workflowId, body: { ...workflowBody, name: 'first' }, headers: { 'If-Match': '"1"' } });
    assert.equal(saved.body.definitionVersion, 2);
    const stale = await call('PUT', '/workflows/{workflowId}', { workflowId, body: { ...workflowBody, name: 'second' }, headers: { 'if-match': '"1"' } });
    assert.equal(stale.status, 409);
    assert.match(stale.body.error.message, /at version 2, and this edit started from version 1; reload/);
    assert.equal((await fresh.data().store.getWorkflow(workflowId)).name, 'first');
    const malformed = await call('PUT', '/workflows/{workflowId}', { workflowId, body: workflowBody, headers: { 'If-Match': 'latest' } });
    assert.deepEqual([malformed.status, malformed.body.error.field], [400, 'If-Match']);
  });

  test('when a workflow is deleted, then it is gone, the deletion is audited, and a second delete answers 404', async () => {
    const { workflowId } = await create();
    assert.equal((await call('DELETE', '/workflows/{workflowId}', { workflowId })).status, 204);
    assert.equal((await call('GET', '/workflows/{workflowId}', { workflowId })).status, 404);
    assert.equal((await call('DELETE', '/workflows/{workflowId}', { workflowId })).status, 404);
    assert.equal((await fresh.data().audit.about(`workflow/${workflowId}`))[0].action, 'workflow.deleted');
  });

  test('when a workflow does not exist, then reading, replacing and running it answer 404', async () => {
    const workflowId = '00000000-0000-4000-8000-000000000000';
    assert.equal((await call('GET', '/workflows/{workflowId}', { workflowId })).status, 404);
    assert.equal((await call('PUT', '/workflows/{workflowId}', { workflowId, body: workflowBody })).status, 404);
    assert.equal((await call('POST', '/workflows/{workflowId}/runs', { workflowId })).status, 404);
    assert.equal((await call('GET', '/workflows/{workflowId}/runs', { workflowId })).status, 404);
    assert.equal((await call('GET', '/workflows/{workflowId}', { workflowId: '../etc' })).status, 404);
  });

  test('when a run is requested, then it is queued with the definition version and its input, and listed newest first', async () => {
    const { workflowId } = await create();
    const first = (await call('POST', '/workflows/{workflowId}/runs', { workflowId, body: { input: { cve: 'CVE-2024-3094' } } })).body;
    handle = handlerAt(new Date('2026-11-23T11:00:00.000Z'));
    const second = (await call('POST', '/workflows/{workflowId}/runs', { workflowId })).body;
    assert.deepEqual([first.status, first.trigger, first.definitionVersion, first.input], ['queued', 'manual', 1, { cve: 'CVE-2024-3094' }]);
    const runs = (await call('GET', '/workflows/{workflowId}/runs', { workflowId })).body.items;
    assert.deepEqual(runs.map((run: { runId: string }) => run.runId), [second.runId, first.runId]);
  });

  test('when a run is requested with a bad body, then it is refused naming the field, and nothing is queued', async () => {
    const { workflowId } = await create();
    const response = await call('POST', '/workflows/{workflowId}/runs', { workflowId, body: { input: [1, 2] } });
    assert.deepEqual([response.status, response.body.error.field], [400, 'input']);
    assert.deepEqual((await call('GET', '/workflows/{workflowId}/runs', { workflowId })).body.items, []);
  });

  test('when a run is read, then it comes with its steps; under another workflow it answers 404', async () => {
    const { workflowId } = await create();
    const other = await create();
    const run = (await call('POST', '/workflows/{workflowId}/runs', { workflowId })).body;
    const read = await call('GET', '/workflows/{workflowId}/runs/{runId}', { workflowId, runId: run.runId });
    assert.deepEqual([read.status, read.body.status, read.body.steps], [200, 'queued', []]);
    assert.equal((await call('GET', '/workflows/{workflowId}/runs/{runId}', { workflowId: other.workflowId, runId: run.runId })).status, 404);
    assert.equal((await call('GET', '/workflows/{workflowId}/runs/{runId}', { workflowId, runId: '00000000-0000-4000-8000-000000000000' })).status, 404);
  });

  test('when a queued run is cancelled, then it ends cancelled at once, is audited, and a second cancel answers 409', async () => {
    const { workflowId } = await create();
    const run = (await call('POST', '/workflows/{workflowId}/runs', { workflowId })).body;
    const cancelled = await call('POST', '/workflows/{workflowId}/runs/{runId}/cancel', { workflowId, runId: run.runId });
    assert.deepEqual([cancelled.status, cancelled.body.status], [200, 'cancelled']);
    assert.equal((await fresh.data().store.getRun(run.runId)).status, 'cancelled');
    assert.equal((await fresh.data().audit.about(`run/${run.runId}`))[0].action, 'run.cancel-requested');
    assert.equal((await call('POST', '/workflows/{workflowId}/runs/{runId}/cancel', { workflowId, runId: run.runId })).status, 409);
  });

  test('when a run an engine holds is cancelled, then the engine is asked to stop it (202)', async () => {
    const { workflowId } = await create();
    const run = (await call('POST', '/workflows/{workflowId}/runs', { workflowId })).body;
    const lease = await new RunQueue(fresh.data().dynamoDb, fresh.data().tableName, { owner: 'engine-1', leaseMs: 60_000 }).claimNext();
    assert.equal(lease?.item.runId, run.runId);
    const cancelled = await call('POST', '/workflows/{workflowId}/runs/{runId}/cancel', { workflowId, runId: run.runId });
    assert.deepEqual([cancelled.status, cancelled.body.status], [202, 'cancelling']);
  });

  test('when runs have ended, then the activity shows each workflow\'s successes and failures per day and the latest failures', async () => {
    const { workflowId } = await create();
    const queue = new RunQueue(fresh.data().dynamoDb, fresh.data().tableName, { owner: 'engine-1', leaseMs: 60_000 });
    for (const outcome of ['succeeded', 'failed', 'succeeded'] as const) {
      await call('POST', '/workflows/{workflowId}/runs', { workflowId });
      const lease = (await queue.claimNext())!;
      await queue.end(lease, outcome, NOW.toISOString(), outcome === 'failed' ? { stepId: 'recent', message: 'NVD answered 503' } : undefined);
    }
    const { body } = await call('GET', '/activity', { query: { days: '2' } });
    assert.deepEqual(body.workflows, [{ workflowId, succeeded: 2, failed: 1, days: [{ day: '2026-11-23', succeeded: 2, failed: 1 }] }]);
    assert.deepEqual(body.latestFailures.map((run: { error: unknown }) => run.error), [{ stepId: 'recent', message: 'NVD answered 503' }]);
    assert.deepEqual([body.from, body.to], ['2026-11-22', '2026-11-23']);
    assert.equal((await call('GET', '/activity', { query: { days: '365' } })).body.error.field, 'days');
  });

  test('when the audit log is listed with filters, then only the matching entries come, newest first, a page at a time', async () => {
    const audit = fresh.data().audit;
    for (let minute = 0; minute < 5; minute++) {
      await audit.append({ actor: minute % 2 ? 'ops@example.org' : 'admin@example.org', action: 'workflow.updated', target: `workflow/${minute}`, outcome: 'success', at: new Date(NOW.getTime() + minute * 60_000) });
    }
    await audit.append({ actor: 'admin@example.org', action: 'approval.decided', target: 'approval/a', outcome: 'success', at: new Date(NOW.getTime() + 10 * 60_000), detail: { decision: 'approved' } });

    const first = (await call('GET', '/audit', { query: { actor: 'admin@example.org', action: 'workflow.updated', limit: '2' } })).body;
    assert.deepEqual(first.items.map((entry: { target: string }) => entry.target), ['workflow/4', 'workflow/2']);
    assert.equal(first.items[0].at, new Date(NOW.getTime() + 4 * 60_000).toISOString());
    const second = (await call('GET', '/audit', { query: { actor: 'admin@example.org', action: 'workflow.updated', limit: '2', next: first.next } })).body;
    assert.deepEqual(second.items.map((entry: { target: string }) => entry.target), ['workflow/0']);
    assert.equal(second.next, undefined);

    const window = (await call('GET', '/audit', { query: { from: new Date(NOW.getTime() + 60_000).toISOString(), to: new Date(NOW.getTime() + 3 * 60_000).toISOString() } })).body;
    assert.deepEqual(window.items.map((entry: { target: string }) => entry.target), ['workflow/2', 'workflow/1']);
    const decided = (await call('GET', '/audit', { query: { action: 'approval.decided' } })).body.items;
    assert.deepEqual(decided.map((entry: { detail: unknown }) => entry.detail), [{ decision: 'approved' }]);
  });

  for (const [query, field] of [
    [{ action: 'workflow.renamed' }, 'action'],
    [{ from: 'yesterday' }, 'from'],
    [{ from: '2026-11-24T00:00:00Z', to: '2026-11-23T00:00:00Z' }, 'from'],
    [{ limit: '500' }, 'limit'],
    [{ next: 'not-a-cursor' }, 'next'],
    [{ user: 'admin@example.org' }, 'user'],
  ] as const) {
    test(`when the audit log is asked with ${JSON.stringify(query)}, then it is refused naming ${field}`, async () => {
      const response = await call('GET', '/audit', { query });
      assert.equal(response.status, 400);
      assert.equal(response.body.error.field, field);
      assert.match(response.body.error.message, new RegExp(`^${field}`));
    });
  }

  test('when a route does not exist, then it answers 404 as JSON', async () => {
    const response = await call('PATCH', '/workflows');
    assert.equal(response.status, 404);
    assert.equal(response.body.error.code, 'not_found');
  });

  test('when storage is unreachable, then the answer is a 500 without internals, and the cause is logged', async () => {
    const unreachable = new WorkflowStore(new DynamoDBClient({ endpoint: 'http://127.0.0.1:9', region: 'us-east-1', credentials: LOCAL_CREDENTIALS, maxAttempts: 1 }), 'workspace');
    handle = handlerAt(NOW, unreachable, new WorkflowService(unreachable, fresh.data().definitions, fresh.data().audit));
    const response = await call('GET', '/workflows');
    assert.equal(response.status, 500);
    assert.deepEqual(response.body.error, { code: 'internal', message: 'the request could not be completed; try again' });
    assert.equal(logged.at(-1)!.level, 'error');
  });
});
