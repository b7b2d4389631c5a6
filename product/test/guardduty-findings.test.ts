import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { GUARDDUTY_NOTIFY_SEVERITY } from '../workspace/threat-detection';
import { target, theResource } from './workspace-template';

const findingsRule = () => theResource('AWS::Events::Rule', (properties) => JSON.stringify(properties.EventPattern ?? {}).includes('aws.guardduty'));

describe('GuardDuty findings reach the notification topic (compliance review of 1.2.0)', () => {
  test('a default-bus rule matches GuardDuty findings of Medium severity (4) or higher', () => {
    const [, rule] = findingsRule();
    assert.equal(GUARDDUTY_NOTIFY_SEVERITY, 4);
    assert.equal(rule.Properties!.EventBusName, undefined);
    assert.deepEqual(rule.Properties!.EventPattern, {
      'source': ['aws.guardduty'], 'detail-type': ['GuardDuty Finding'], 'detail': { severity: [{ numeric: ['>=', 4] }] },
    });
  });

  test('the rule exists only with the detector, and sends to the notification topic with day-long retries', () => {
    const [, rule] = findingsRule();
    assert.equal(rule.Condition, 'GuardDutyEnabled');
    assert.equal(theResource('AWS::GuardDuty::Detector')[1].Condition, 'GuardDutyEnabled');
    const [targetSpec] = rule.Properties!.Targets;
    assert.equal(target(targetSpec.Arn), theResource('AWS::SNS::Topic')[0]);
    assert.deepEqual(targetSpec.RetryPolicy, { MaximumEventAgeInSeconds: 86_400, MaximumRetryAttempts: 185 });
  });

  test('the topic policy admits EventBridge for the rule by its known name, without a conditional reference', () => {
    const [, rule] = findingsRule();
    const [, policy] = theResource('AWS::SNS::TopicPolicy');
    const admit = policy.Properties!.PolicyDocument.Statement.find((statement: any) => statement.Sid === 'WorkspaceEventRulesPublish');
    assert.deepEqual(admit.Principal, { Service: 'events.amazonaws.com' });
    const ruleArn = admit.Condition.ArnLike['aws:SourceArn'].find((arn: any) => JSON.stringify(arn).includes('workspace-guardduty-findings'));
    assert.deepEqual(ruleArn['Fn::Join'][1].slice(-2), [':rule/', rule.Properties!.Name]);
    assert.ok(!JSON.stringify(policy).includes('Fn::If'));
  });
});
