import type { APIGatewayProxyEvent } from 'aws-lambda';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import { SFNClient } from '@aws-sdk/client-sfn';
import { interpretStepFunctions, LOCAL_CREDENTIALS } from '../../../qa/local-aws/moto-server';
import { freshWorkspaceDataPerTest } from '../../../qa/local-workspace/workspace-data';
import { Approval, AutomationStore } from '../../automation/automation-store';
import { createApiHandler } from '../api-handler';

const NOW = new Date('2026-11-23T10:00:00.000Z');

function request(method: string, resource: string, approvalId?: string, body?: string): APIGatewayProxyEvent {
  return {
    httpMethod: method, resource, path: resource, pathParameters: approvalId ? { approvalId } : null, queryStringParameters: null,
    body: body ?? null, headers: {}, multiValueHeaders: {}, multiValueQueryStringParameters: null, stageVariables: null, isBase64Encoded: false,
    requestContext: { authorizer: { claims: { email: 'approver@example.org' } } } as never,
  };
}

function approval(overrides: Partial<Approval> = {}): Approval {
  return {
    approvalId: randomUUID(), executionArn: 'arn:aws:states:us-east-1:123456789012:execution:automation:one', status: 'pending',
    request: {
      kind: 'patch', title: 'Apply KB1', severity: 'high', requestedBy: 'secops@example.org', targets: ['i-1'],
      action: { id: 'install', kind: 'aws', inputs: { action: 'ssm:SendCommand', parameters: { DocumentName: 'AWS-RunPatchBaseline', InstanceIds: ['i-1'] } } },
      rollback: { id: 'uninstall', kind: 'notify', inputs: { message: 'Roll back KB1 on i-1' } },
    },
    risk: { level: 'high', score: 7.5, reasons: ['severity high'], approvalRequired: true, modelConsulted: false },
    requestedAt: '2026-11-23T09:00:00.000Z', decideBy: '2026-11-24T09:00:00.000Z', ...overrides,
  };
}

describe('approval routes', () => {
  const fresh = freshWorkspaceDataPerTest({ before, after, beforeEach, afterEach });
  let automation: AutomationStore;
  let handle: ReturnType<typeof createApiHandler>;
  let sfn: SFNClient;

  before(async () => {
    await interpretStepFunctions(fresh.aws()); // which checks task tokens as the service does
    sfn = new SFNClient({ region: 'us-east-1', endpoint: fresh.aws().endpoint, credentials: LOCAL_CREDENTIALS });
  });
  beforeEach(async () => {
    const { dynamoDb, tableName, store, workflows, audit } = fresh.data();
    automation = new AutomationStore(dynamoDb, tableName);
    handle = createApiHandler({ store, workflows, audit, approvals: { store: automation, sfn, audit }, now: () => NOW, allowedOrigin: '*', log: () => undefined });
  });

  test('when approvals are listed, then only pending ones within their deadline are answered, without task tokens', async () => {
    const pending = approval();
    await automation.addApproval(pending, 'token-1');
    await automation.addApproval(approval({ decideBy: '2026-11-23T09:30:00.000Z' }), 'token-2');
    await automation.addApproval(approval({ status: 'approved' }), 'token-3');
    const response = await handle(request('GET', '/approvals'));
    assert.equal(response.statusCode, 200);
    assert.deepEqual(JSON.parse(response.body).items, [pending]);
    assert.doesNotMatch(response.body, /token/);
  });

  for (const [name, body, field] of [
    ['an unknown decision', '{"decision":"maybe"}', 'decision'],
    ['an unknown field', '{"decision":"approve","by":"me"}', 'body'],
  ] as const) {
    test(`when a decision with ${name} is sent, then it is refused naming ${field}, and the approval stays pending`, async () => {
      const pending = approval();
      await automation.addApproval(pending, 'token');
      const response = await handle(request('POST', '/approvals/{approvalId}', pending.approvalId, body));
      assert.equal(response.statusCode, 400);
      assert.equal(JSON.parse(response.body).error.field, field);
      assert.equal((await automation.getApproval(pending.approvalId)).approval.status, 'pending');
    });
  }

  test('when the approval does not exist, then the decision is answered 404', async () => {
    const response = await handle(request('POST', '/approvals/{approvalId}', randomUUID(), '{"decision":"approve"}'));
    assert.equal(response.statusCode, 404);
  });

  test('when Step Functions no longer awaits the token, then the decision is answered 409 and nothing is recorded', async () => {
    const pending = approval();
    await automation.addApproval(pending, 'a-token-no-execution-waits-for');
    const response = await handle(request('POST', '/approvals/{approvalId}', pending.approvalId, '{"decision":"approve"}'));
    assert.equal(response.statusCode, 409, response.body);
    assert.equal(JSON.parse(response.body).error.code, 'approval_expired');
    assert.equal((await automation.getApproval(pending.approvalId)).approval.status, 'pending');
  });

  test('when approval workflows are off, then the routes answer 404 naming the parameter', async () => {
    const off = createApiHandler({ store: fresh.data().store, workflows: fresh.data().workflows, audit: fresh.data().audit, now: () => NOW, allowedOrigin: '*', log: () => undefined });
    const response = await off(request('GET', '/approvals'));
    assert.equal(response.statusCode, 404);
    assert.match(JSON.parse(response.body).error.message, /EnableApprovalWorkflows/);
  });
});
