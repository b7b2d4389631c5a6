import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AutomationRequest, InvalidRequestError, parseAutomationRequest } from '../automation-request';
import { parseOpinion } from '../model-advisor';
import { assessRisk } from '../risk-assessment';

const base: AutomationRequest = {
  kind: 'alert', title: 'Restart the stuck queue worker', severity: 'low', requestedBy: 'ops@example.org', targets: ['worker-1'],
  action: { id: 'restart', kind: 'aws', inputs: { action: 'ssm:SendCommand', parameters: { DocumentName: 'AWS-RunShellScript' } } },
  rollback: { id: 'start', kind: 'notify', inputs: { message: 'Start the service again' } },
};

describe('risk assessment', () => {
  test('when a low-severity change touches few targets, then it is low risk and runs without approval', async () => {
    const risk = await assessRisk(base);
    assert.deepEqual([risk.level, risk.score, risk.approvalRequired, risk.modelConsulted], ['low', 2, false, false]);
  });

  test('when the CVSS score is given, then it sets the score instead of the severity', async () => {
    const risk = await assessRisk({ ...base, severity: 'low', cvssScore: 8.1 });
    assert.deepEqual([risk.level, risk.score, risk.approvalRequired], ['high', 8.1, true]);
  });

  test('when a change touches more than ten and more than a hundred targets, then the blast radius adds one and two points', async () => {
    const targets = (count: number) => Array.from({ length: count }, (_, index) => `host-${index}`);
    assert.equal((await assessRisk({ ...base, targets: targets(11) })).score, 3);
    const wide = await assessRisk({ ...base, severity: 'medium', targets: targets(101) });
    assert.deepEqual([wide.score, wide.level], [7, 'high']);
    assert.ok(wide.reasons.includes('101 targets'));
  });

  test('when the requester asks for approval, then even a low-risk change waits for a person', async () => {
    assert.equal((await assessRisk({ ...base, requireApproval: true })).approvalRequired, true);
  });

  test('when the model rates the change higher, then the level rises with its reason; when lower, the policy level stands', async () => {
    const raised = await assessRisk(base, async () => ({ level: 'high', reason: 'restarts drop in-flight jobs' }));
    assert.deepEqual([raised.level, raised.approvalRequired, raised.modelConsulted], ['high', true, true]);
    assert.ok(raised.reasons.includes('model: restarts drop in-flight jobs'));
    const lowered = await assessRisk({ ...base, severity: 'critical' }, async () => ({ level: 'low', reason: 'harmless' }));
    assert.equal(lowered.level, 'high');
  });
});

describe('automation request', () => {
  test('when a field is missing or wrong, then the request is refused naming the field, and not retried', () => {
    assert.throws(() => parseAutomationRequest({ ...base, rollback: undefined }), (error: Error) =>
      error instanceof InvalidRequestError && error.name === 'InvalidRequest' && /request\.rollback/.test(error.message));
    assert.throws(() => parseAutomationRequest({ ...base, targets: [] }), /request\.targets/);
  });
});

describe('model answer', () => {
  const answer = (text: string) => JSON.stringify({ content: [{ type: 'text', text }] });

  test('when the model answers with the asked JSON, then it is the opinion', () => {
    assert.deepEqual(parseOpinion(answer('{"level": "medium", "reason": "touches production"}')), { level: 'medium', reason: 'touches production' });
  });

  for (const [name, body] of [
    ['prose', answer('I think it is risky.')],
    ['an unknown level', answer('{"level": "extreme", "reason": "x"}')],
    ['no content (a blocked or empty answer)', '{}'],
  ]) {
    test(`when the model answers with ${name}, then there is no opinion`, () => assert.equal(parseOpinion(body), undefined));
  }
});
