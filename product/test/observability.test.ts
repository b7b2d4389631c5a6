import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { resourcesOfType, target, template, theResource, workspaceJson } from './workspace-template';

const alarms = resourcesOfType('AWS::CloudWatch::Alarm');
const alarmOn = (namespace: string, metric: string) => alarms.filter(([, alarm]) =>
  alarm.Properties!.Namespace === namespace && alarm.Properties!.MetricName === metric);

describe('alarms (seed guide: key CloudWatch metrics)', () => {
  const [topicId] = theResource('AWS::SNS::Topic');

  for (const [namespace, metric, count] of [
    ['AWS/Lambda', 'Errors', 2], ['AWS/Lambda', 'Duration', 2], ['AWS/Lambda', 'Throttles', 2],
    ['AWS/ECS', 'CPUUtilization', 1], ['AWS/ECS', 'MemoryUtilization', 1],
    ['AWS/ApiGateway', '5XXError', 1], ['AWS/ApiGateway', 'Latency', 1],
  ] as const) {
    test(`${namespace} ${metric} is watched (${count})`, () => assert.equal(alarmOn(namespace, metric).length, count));
  }

  test('DynamoDB read and write throttling is watched together', () => {
    const throttles = alarms.filter(([, alarm]) => JSON.stringify(alarm.Properties!.Metrics ?? []).includes('WriteThrottleEvents'));
    assert.equal(throttles.length, 1);
  });

  test('every alarm notifies the topic when it fires and when it recovers', () => {
    for (const [id, alarm] of alarms) {
      assert.deepEqual(alarm.Properties!.AlarmActions.map(target), [topicId], id);
      assert.deepEqual(alarm.Properties!.OKActions.map(target), [topicId], id);
    }
  });

  test('a dashboard shows the same metrics and the alarms', () => {
    const [, dashboard] = theResource('AWS::CloudWatch::Dashboard');
    const body = JSON.stringify(dashboard.Properties!.DashboardBody);
    for (const text of ['CPUUtilization', 'MemoryUtilization', 'WriteThrottleEvents', '5XXError', 'Latency', 'Throttles', 'alarms']) assert.ok(body.includes(text), text);
  });
});

describe('notifications (seed guide: email or webhook notifications)', () => {
  test('the topic is encrypted with a customer-managed key and refuses plain HTTP', () => {
    const [, topic] = theResource('AWS::SNS::Topic');
    assert.ok(topic.Properties!.KmsMasterKeyId);
    const [, policy] = theResource('AWS::SNS::TopicPolicy');
    assert.ok(policy.Properties!.PolicyDocument.Statement.some((statement: any) => statement.Effect === 'Deny' && statement.Condition.Bool['aws:SecureTransport'] === 'false'));
  });

  test('an email subscription always exists; a webhook subscription only when its URL is given', () => {
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: { Ref: 'NotificationEmail' } });
    const [, webhook] = theResource('AWS::SNS::Subscription', (properties) => properties.Protocol === 'https');
    assert.equal(webhook.Condition, 'WebhookNotificationsEnabled');
    assert.equal(workspaceJson.Parameters.NotificationEmail.Default, undefined);
  });
});

describe('scheduled automations (seed guide: CloudWatch Events)', () => {
  test('an EventBridge rule wakes the workflow executor every minute, with retries and a dead-letter queue', () => {
    const [, rule] = theResource('AWS::Events::Rule', (properties) => properties.ScheduleExpression !== undefined);
    assert.equal(rule.Properties!.ScheduleExpression, 'rate(1 minute)');
    const [targetSpec] = rule.Properties!.Targets;
    const fn = workspaceJson.Resources[target(targetSpec.Arn)];
    assert.ok(JSON.stringify(fn.Properties.Code.S3Key).includes('workflow-executor.zip'));
    assert.ok(targetSpec.DeadLetterConfig.Arn);
    assert.equal(targetSpec.RetryPolicy.MaximumEventAgeInSeconds, 3600);
  });
});

describe('audit trail (seed guide: CloudTrail, optional)', () => {
  test('is multi-Region with log file validation, KMS-encrypted, and only when EnableCloudTrail is true', () => {
    const [, trail] = theResource('AWS::CloudTrail::Trail');
    assert.equal(trail.Condition, 'CloudTrailEnabled');
    assert.equal(trail.Properties!.EnableLogFileValidation, true);
    assert.equal(trail.Properties!.IsMultiRegionTrail, true);
    assert.ok(trail.Properties!.KMSKeyId);
    const bucket = workspaceJson.Resources[target(trail.Properties!.S3BucketName)];
    assert.equal(bucket.Condition, 'CloudTrailEnabled');
    assert.equal(bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm, 'aws:kms');
    assert.equal(bucket.DeletionPolicy, 'Retain');
  });
});
