import type { APIGatewayProxyEvent } from 'aws-lambda';
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { LOCAL_CREDENTIALS } from '../../../qa/local-aws/moto-server';
import { freshWorkspaceDataPerTest } from '../../../qa/local-workspace/workspace-data';
import { createApiHandler } from '../api-handler';
import { BotExports } from '../bot-exports';
import { exportFileName } from '../export-routes';

const BUCKET = 'workspace-exports';
const NOW = new Date('2026-12-03T10:00:00.000Z');
const bot = {
  name: 'Critical CVEs to Slack', description: 'Posts new critical CVEs', schedule: 'rate(1 day)',
  steps: [
    { id: 'recent', kind: 'nvd', inputs: { operation: 'recent', days: 1, severity: 'CRITICAL' } },
    { id: 'tell', kind: 'slack', inputs: { operation: 'webhook', credential: 'slack-secops', text: 'new CVEs' } },
  ],
};

function request(method: string, resource: string, body?: unknown, sub = 'user-1'): APIGatewayProxyEvent {
  return {
    httpMethod: method, resource, path: resource, pathParameters: null, queryStringParameters: null,
    body: body === undefined ? null : JSON.stringify(body),
    headers: {}, multiValueHeaders: {}, multiValueQueryStringParameters: null, stageVariables: null, isBase64Encoded: false,
    requestContext: { authorizer: { claims: { email: `${sub}@example.org`, sub } } } as never,
  };
}

describe('bot import and export through the import/export bucket', () => {
  const fresh = freshWorkspaceDataPerTest({ before, after, beforeEach, afterEach });
  let s3: S3Client;
  const handlerWith = (exports?: BotExports) => createApiHandler({
    store: fresh.data().store, workflows: fresh.data().workflows, audit: fresh.data().audit, now: () => NOW,
    allowedOrigin: 'https://workspace.example.org', log: () => undefined, credentialNames: async () => ['slack-secops'], exports,
  });
  const call = async (method: string, resource: string, body?: unknown, sub?: string, withBucket = true) => {
    const response = await handlerWith(withBucket ? new BotExports(s3, BUCKET) : undefined)(request(method, resource, body, sub));
    return { status: response.statusCode, body: response.body ? JSON.parse(response.body) : undefined };
  };

  beforeEach(async () => {
    s3 = new S3Client({ endpoint: fresh.aws().endpoint, region: 'us-east-1', credentials: LOCAL_CREDENTIALS, forcePathStyle: true });
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  });

  test('when a bot is exported, then the user\'s folder holds its portable definition, and the list shows it', async () => {
    const { workflowId } = (await call('POST', '/workflows', bot)).body;
    const saved = await call('POST', '/exports', { workflowId });
    assert.equal(saved.status, 201);
    assert.equal(saved.body.key, 'exports/user-1/critical-cves-to-slack-20261203T100000Z.bot.json');
    const object = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: saved.body.key }));
    assert.deepEqual(JSON.parse(await object.Body!.transformToString()), bot);
    const listed = await call('GET', '/exports');
    assert.deepEqual(listed.body.items.map((item: { key: string; name: string }) => [item.key, item.name]), [[saved.body.key, 'critical-cves-to-slack-20261203T100000Z.bot.json']]);
  });

  test('when an export is imported, then its bots are created as new workflows, and the original stays', async () => {
    const { workflowId } = (await call('POST', '/workflows', bot)).body;
    const { key } = (await call('POST', '/exports', { workflowId })).body;
    const imported = await call('POST', '/imports', { key });
    assert.equal(imported.status, 201);
    assert.equal(imported.body.created.length, 1);
    assert.notEqual(imported.body.created[0].workflowId, workflowId);
    assert.deepEqual((await fresh.data().workflows.get(imported.body.created[0].workflowId)).steps, bot.steps);
    assert.equal((await fresh.data().store.listWorkflows(10)).items.length, 2);
  });

  test('when a user asks for another user\'s export, then it is refused as not theirs and nothing is created', async () => {
    const { workflowId } = (await call('POST', '/workflows', bot)).body;
    const { key } = (await call('POST', '/exports', { workflowId })).body;
    const refused = await call('POST', '/imports', { key }, 'user-2');
    assert.equal(refused.status, 404);
    assert.match(refused.body.error.message, /is not one of your exports/);
    assert.deepEqual((await call('GET', '/exports', undefined, 'user-2')).body.items, []);
    assert.equal((await fresh.data().store.listWorkflows(10)).items.length, 1);
  });

  test('when a file holds one valid and one invalid bot, then the refusal names the bot and field, and neither is created', async () => {
    const key = 'exports/user-1/two.bot.json';
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: JSON.stringify([bot, { ...bot, steps: [{ id: 'x', kind: 'wait', inputs: { seconds: -1 } }] }]) }));
    const refused = await call('POST', '/imports', { key });
    assert.equal(refused.status, 400);
    assert.match(refused.body.error.message, /^exports\/user-1\/two\.bot\.json\[1\] steps\.0\.inputs\.seconds: /);
    assert.equal((await fresh.data().store.listWorkflows(10)).items.length, 0);
  });

  test('when an imported bot names a credential the secret does not hold, then it is refused naming the field', async () => {
    const key = 'exports/user-1/other.bot.json';
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: JSON.stringify({ ...bot, steps: [{ ...bot.steps[1], id: 'tell', inputs: { ...bot.steps[1].inputs, credential: 'slack-elsewhere' } }] }) }));
    const refused = await call('POST', '/imports', { key });
    assert.equal(refused.body.error.code, 'unknown_credential');
    assert.equal(refused.body.error.field, `${key} steps.0.inputs.credential`);
  });

  test('when the stack has no import/export bucket, then the routes answer 404 saying so', async () => {
    const response = await call('GET', '/exports', undefined, undefined, false);
    assert.equal(response.status, 404);
    assert.equal(response.body.error.code, 'exports_unavailable');
  });

  test('when an export names no workflow ID, then it is refused naming workflowId', async () => {
    const refused = await call('POST', '/exports', { workflowId: 'nope' });
    assert.deepEqual([refused.status, refused.body.error.field], [400, 'workflowId']);
  });

  test('when two exports of one bot are a second apart, then their file names differ', () => {
    assert.notEqual(exportFileName('CVE watch', NOW), exportFileName('CVE watch', new Date(NOW.getTime() + 1000)));
  });
});
