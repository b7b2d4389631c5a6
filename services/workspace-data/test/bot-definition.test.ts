import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { actionStepSchema, definitionSchema, retryPolicy, Step, stepSchema } from '../definition/bot-definition';
import { stepKindCatalog } from '../definition/step-catalog';

const issuesOf = (definition: unknown) => {
  const result = definitionSchema.safeParse(definition);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

describe('bot definitions (the API and the engine check the same schema)', () => {
  test('when the console builds its palette, then it offers exactly the kinds the schema accepts', () => {
    const accepted = stepSchema.options.map((option) => option.shape.kind.value as string);
    assert.deepEqual(stepKindCatalog().map((entry) => entry.kind).sort(), accepted.sort());
  });

  test('when a definition uses every kind of the palette with expressions, then it is accepted', () => {
    assert.deepEqual(issuesOf({
      timeoutSeconds: 600,
      steps: [
        { id: 'recent', kind: 'nvd', inputs: { operation: 'recent', days: '{% input.days %}', severity: 'CRITICAL' } },
        { id: 'findings', kind: 'aws', inputs: { action: 'securityhub:GetFindings', parameters: { MaxResults: 10 } } },
        { id: 'ask', kind: 'bedrock', inputs: { modelId: 'anthropic.claude-3-haiku', prompt: '{% "Rank: " & $string(steps.recent) %}' } },
        { id: 'pick', kind: 'transform', inputs: { expression: 'steps.recent.cves[baseScore >= 9]' } },
        { id: 'any', kind: 'condition', inputs: { expression: '$count(steps.pick) > 0', then: 'approve', else: 'done' } },
        {
          id: 'approve', kind: 'approval', inputs: {
            title: 'Patch critical CVEs', kind: 'patch', severity: 'critical', targets: '{% input.hosts %}',
            action: { id: 'patch', kind: 'aws', inputs: { action: 'ssm:SendCommand', parameters: { DocumentName: 'AWS-RunPatchBaseline' } } },
            rollback: { id: 'tell', kind: 'notify', inputs: { message: 'patch rolled back' } },
          },
        },
        { id: 'pause', kind: 'wait', inputs: { seconds: 60 } },
        { id: 'ticket', kind: 'superops', inputs: { operation: 'create-ticket', credential: 'superops', subdomain: 'acme', subject: 'Patched', clientId: 'c-1' } },
        { id: 'post', kind: 'slack', inputs: { operation: 'post-message', credential: 'slack-bot', channel: 'C1', text: 'done' } },
        { id: 'call', kind: 'http', inputs: { method: 'POST', url: 'https://hooks.example.org/x', body: { ok: true } } },
        { id: 'done', kind: 'notify', inputs: { subject: 'Bot finished', message: 'ok' }, end: true },
      ],
    }), []);
  });

  test('when a step has both next and end, then the end field is named', () => {
    assert.deepEqual(issuesOf({ steps: [{ id: 'a', kind: 'transform', inputs: { expression: '1' }, next: 'b', end: true }, { id: 'b', kind: 'transform', inputs: { expression: '2' } }] }),
      ['steps.0.end: a step has either next or end, not both']);
  });

  test('when an expression deep inside a body does not parse, then its full path is named', () => {
    const [issue] = issuesOf({ steps: [{ id: 'a', kind: 'http', inputs: { method: 'POST', url: 'https://x.example.org', body: { hosts: ['{% input.( %}'] } } }] });
    assert.match(issue, /^steps\.0\.inputs\.body\.hosts\.0: the JSONata expression does not parse/);
  });

  test('when an aws step names a call outside the allow-list, then it is refused naming the action', () => {
    const [issue] = issuesOf({ steps: [{ id: 'a', kind: 'aws', inputs: { action: 'iam:CreateUser' } }] });
    assert.match(issue, /^steps\.0\.inputs\.action: /);
  });

  test('when an approval\'s action is a kind the approval workflow cannot hand back, then it is refused', () => {
    assert.ok(!actionStepSchema.safeParse({ id: 'x', kind: 'wait', inputs: { seconds: 1 } }).success);
    assert.ok(actionStepSchema.safeParse({ id: 'x', kind: 'notify', inputs: { message: 'hi' } }).success);
  });

  test('when a step sets no retry, then calls to the outside world get three attempts and logic steps one', () => {
    const step = (kind: string, inputs: unknown) => definitionSchema.parse({ steps: [{ id: 'a', kind, inputs }] }).steps[0] as Step;
    assert.equal(retryPolicy(step('http', { url: 'https://x.example.org' })).maxAttempts, 3);
    assert.equal(retryPolicy(step('transform', { expression: '1' })).maxAttempts, 1);
    assert.equal(retryPolicy({ ...step('http', { url: 'https://x.example.org' }), retry: { maxAttempts: 5, intervalSeconds: 1, maxIntervalSeconds: 60 } }).maxAttempts, 5);
  });
});
