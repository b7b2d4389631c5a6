import type { APIGatewayProxyEvent } from 'aws-lambda';
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { LOCAL_CREDENTIALS } from '../../../qa/local-aws/moto-server';
import { freshWorkflowStorePerTest } from '../../../qa/local-aws/workspace-table';
import { WorkflowStore } from '../../workspace-data/workflow-store';
import { createApiHandler } from '../api-handler';

const ORIGIN = 'https://workspace.example.org';
const NOW = new Date('2026-11-23T10:00:00.000Z');
const workflowBody = { name: 'Rotate keys', schedule: 'rate(1 day)', steps: [{ action: 'aws.iam.rotate-access-keys', inputs: { maxAgeDays: 90 } }] };

function request(method: string, resource: string, options: { body?: unknown; rawBody?: string; workflowId?: string; query?: Record<string, string> } = {}): APIGatewayProxyEvent {
  return {
    httpMethod: method,
    resource,
    path: resource.replace('{workflowId}', options.workflowId ?? ''),
    pathParameters: options.workflowId ? { workflowId: options.workflowId } : null,
    queryStringParameters: options.query ?? null,
    body: options.rawBody ?? (options.body === undefined ? null : JSON.stringify(options.body)),
    headers: {}, multiValueHeaders: {}, multiValueQueryStringParameters: null, stageVariables: null, isBase64Encoded: false,
    requestContext: { authorizer: { claims: { email: 'admin@example.org', sub: 'user-1' } } } as never,
  };
}

describe('workspace API handler', () => {
  const tables = freshWorkflowStorePerTest({ before, after, beforeEach });
  let store: WorkflowStore;
  let handle: ReturnType<typeof createApiHandler>;
  const logged: Record<string, unknown>[] = [];

  beforeEach(async () => {
    store = tables.store();
    handle = createApiHandler({ store, now: () => NOW, allowedOrigin: ORIGIN, log: (entry) => logged.push(entry) });
  });

  const create = async (body: unknown = workflowBody) => JSON.parse((await handle(request('POST', '/workflows', { body }))).body);

  test('when a valid workflow is posted, then it is stored with its author and answered 201', async () => {
    const response = await handle(request('POST', '/workflows', { body: workflowBody }));
    assert.equal(response.statusCode, 201);
    assert.equal(response.headers!['access-control-allow-origin'], ORIGIN);
    const created = JSON.parse(response.body);
    assert.match(created.workflowId, /^[0-9a-f-]{36}$/);
    const stored = await store.getWorkflow(created.workflowId);
    assert.deepEqual(stored, { ...workflowBody, workflowId: created.workflowId, createdBy: 'admin@example.org', createdAt: NOW.toISOString(), updatedAt: NOW.toISOString() });
  });

  for (const [name, body, field] of [
    ['without steps', { name: 'x' }, 'steps'],
    ['with an empty name', { ...workflowBody, name: ' ' }, 'name'],
    ['with a cron schedule', { ...workflowBody, schedule: 'cron(0 * * * ? *)' }, 'schedule'],
    ['with a step that names no action', { ...workflowBody, steps: [{ inputs: {} }] }, 'steps.0.action'],
    ['with an unknown field', { ...workflowBody, owner: 'someone' }, 'body'],
  ] as const) {
    test(`when a workflow ${name} is posted, then it is refused naming ${field}, and nothing is stored`, async () => {
      const response = await handle(request('POST', '/workflows', { body }));
      assert.equal(response.statusCode, 400);
      const { error } = JSON.parse(response.body);
      assert.equal(error.code, 'invalid_workflow');
      assert.equal(error.field, field);
      assert.deepEqual((await store.listWorkflows(10)).items, []);
    });
  }

  test('when the body is not JSON, then it is refused naming the body', async () => {
    const response = await handle(request('POST', '/workflows', { rawBody: '{name' }));
    assert.equal(response.statusCode, 400);
    assert.deepEqual(JSON.parse(response.body).error, { code: 'invalid_json', message: 'the request body is not JSON; send a workflow object', field: 'body' });
  });

  test('when workflows are listed page by page, then every workflow appears once', async () => {
    const ids = new Set([(await create()).workflowId, (await create()).workflowId, (await create()).workflowId]);
    const first = JSON.parse((await handle(request('GET', '/workflows', { query: { limit: '2' } }))).body);
    assert.equal(first.items.length, 2);
    const second = JSON.parse((await handle(request('GET', '/workflows', { query: { limit: '2', next: first.next } }))).body);
    const seen = [...first.items, ...second.items].map((workflow: { workflowId: string }) => workflow.workflowId);
    assert.deepEqual(new Set(seen), ids);
    assert.equal(seen.length, 3);
  });

  test('when the page size or cursor is invalid, then the request is refused naming it', async () => {
    for (const [query, field] of [[{ limit: '0' }, 'limit'], [{ limit: 'ten' }, 'limit'], [{ limit: '101' }, 'limit'], [{ next: 'not-a-cursor' }, 'next']] as const) {
      const response = await handle(request('GET', '/workflows', { query }));
      assert.equal(response.statusCode, 400, JSON.stringify(query));
      assert.equal(JSON.parse(response.body).error.field, field);
    }
  });

  test('when a workflow is replaced, then its author and creation time stay and its update time moves', async () => {
    const created = await create();
    const later = new Date('2026-11-24T00:00:00.000Z');
    const replace = createApiHandler({ store, now: () => later, allowedOrigin: ORIGIN, log: () => undefined });
    const response = await replace(request('PUT', '/workflows/{workflowId}', { workflowId: created.workflowId, body: { ...workflowBody, name: 'Rotate keys weekly' } }));
    assert.equal(response.statusCode, 200);
    const stored = await store.getWorkflow(created.workflowId);
    assert.equal(stored.name, 'Rotate keys weekly');
    assert.equal(stored.createdAt, NOW.toISOString());
    assert.equal(stored.updatedAt, later.toISOString());
  });

  test('when a workflow is deleted, then it is gone and a second delete answers 404', async () => {
    const { workflowId } = await create();
    assert.equal((await handle(request('DELETE', '/workflows/{workflowId}', { workflowId }))).statusCode, 204);
    assert.equal((await handle(request('GET', '/workflows/{workflowId}', { workflowId }))).statusCode, 404);
    assert.equal((await handle(request('DELETE', '/workflows/{workflowId}', { workflowId }))).statusCode, 404);
  });

  test('when a workflow does not exist, then reading, replacing and running it answer 404', async () => {
    const workflowId = '00000000-0000-4000-8000-000000000000';
    assert.equal((await handle(request('GET', '/workflows/{workflowId}', { workflowId }))).statusCode, 404);
    assert.equal((await handle(request('PUT', '/workflows/{workflowId}', { workflowId, body: workflowBody }))).statusCode, 404);
    assert.equal((await handle(request('POST', '/workflows/{workflowId}/runs', { workflowId }))).statusCode, 404);
    assert.equal((await handle(request('GET', '/workflows/{workflowId}/runs', { workflowId }))).statusCode, 404);
    assert.equal((await handle(request('GET', '/workflows/{workflowId}', { workflowId: '../etc' }))).statusCode, 404);
  });

  test('when a run is requested, then it is queued for the engine and listed newest first', async () => {
    const { workflowId } = await create();
    const first = JSON.parse((await handle(request('POST', '/workflows/{workflowId}/runs', { workflowId }))).body);
    const later = createApiHandler({ store, now: () => new Date('2026-11-23T11:00:00.000Z'), allowedOrigin: ORIGIN, log: () => undefined });
    const second = JSON.parse((await later(request('POST', '/workflows/{workflowId}/runs', { workflowId }))).body);
    assert.equal(first.status, 'queued');
    assert.equal(first.trigger, 'manual');
    const runs = JSON.parse((await handle(request('GET', '/workflows/{workflowId}/runs', { workflowId }))).body).items;
    assert.deepEqual(runs.map((run: { runId: string }) => run.runId), [second.runId, first.runId]);
  });

  test('when a route does not exist, then it answers 404 as JSON', async () => {
    const response = await handle(request('PATCH', '/workflows'));
    assert.equal(response.statusCode, 404);
    assert.equal(JSON.parse(response.body).error.code, 'not_found');
  });

  test('when storage is unreachable, then the answer is a 500 without internals, and the cause is logged', async () => {
    const unreachable = new WorkflowStore(new DynamoDBClient({ endpoint: 'http://127.0.0.1:9', region: 'us-east-1', credentials: LOCAL_CREDENTIALS, maxAttempts: 1 }), 'workspace');
    const broken = createApiHandler({ store: unreachable, now: () => NOW, allowedOrigin: ORIGIN, log: (entry) => logged.push(entry) });
    const response = await broken(request('GET', '/workflows'));
    assert.equal(response.statusCode, 500);
    assert.deepEqual(JSON.parse(response.body).error, { code: 'internal', message: 'the request could not be completed; try again' });
    assert.equal(logged.at(-1)!.level, 'error');
  });
});
