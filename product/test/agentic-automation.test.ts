import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MANAGED_RULE_GROUPS } from '../workspace/edge-protection';
import { LEDGER_TABLE_ACTIONS } from '../../services/metering/contract';
import { METERING_DIMENSIONS } from '../../services/metering/contract';
import { resourcesOfType, target, theResource, workspaceJson } from './workspace-template';

const parameters = workspaceJson.Parameters as Record<string, any>;
const labels = workspaceJson.Metadata['AWS::CloudFormation::Interface'].ParameterLabels as Record<string, { default: string }>;
const conditionOf = (id: string) => workspaceJson.Resources[id].Condition;
const definition = (): any => {
  const [, machine] = theResource('AWS::StepFunctions::StateMachine');
  // References (the steps function's ARN, the partition) only occur inside JSON strings of the definition.
  return JSON.parse(machine.Properties!.DefinitionString['Fn::Join'][1].map((part: unknown) => (typeof part === 'string' ? part : 'REF')).join(''));
};

describe('agentic automation options (issue #8)', () => {
  test('every new option is off by default, and its label says it is optional', () => {
    for (const name of ['EnableTaskQueue', 'EnableEventRouting', 'EnableApprovalWorkflows', 'EnableWaf', 'EnableGuardDuty', 'EnableBedrockGuardrail']) {
      assert.equal(parameters[name].Default, 'false', name);
      assert.match(labels[name].default, /optional/, name);
      assert.match(parameters[name].Description, /[Oo]ff by default/, name);
    }
    assert.match(labels.EnableGuardDuty.default, /only if this account and Region have none/);
  });

  test('each new resource exists only under its option\'s condition', () => {
    const expected: Record<string, string> = {
      'AWS::Events::EventBus': 'EventRoutingEnabled', 'AWS::Events::Archive': 'EventRoutingEnabled',
      'AWS::StepFunctions::StateMachine': 'ApprovalWorkflowsEnabled', 'AWS::WAFv2::WebACL': 'WafEnabled',
      'AWS::WAFv2::WebACLAssociation': 'WafEnabled', 'AWS::WAFv2::LoggingConfiguration': 'WafEnabled',
      'AWS::GuardDuty::Detector': 'GuardDutyEnabled', 'AWS::Bedrock::Guardrail': 'BedrockGuardrailEnabled',
      'AWS::Bedrock::GuardrailVersion': 'BedrockGuardrailEnabled',
    };
    for (const [type, condition] of Object.entries(expected)) {
      for (const [id, resource] of resourcesOfType(type)) assert.equal(resource.Condition, condition, id);
    }
    const taskQueues = resourcesOfType('AWS::SQS::Queue').filter(([id]) => id.startsWith('TaskQueue'));
    assert.equal(taskQueues.length, 2);
    for (const [id, queue] of taskQueues) assert.equal(queue.Condition, 'TaskQueueEnabled', id);
  });

  test('the task queue is encrypted with the logs key, redrives to its dead-letter queue, and its alarms notify the topic', () => {
    const [queueId, queue] = resourcesOfType('AWS::SQS::Queue').find(([id, resource]) => id.startsWith('TaskQueue') && resource.Properties!.RedrivePolicy)!;
    assert.equal(target(queue.Properties!.RedrivePolicy.deadLetterTargetArn), resourcesOfType('AWS::SQS::Queue').find(([id]) => id.startsWith('TaskQueueDeadLetterQueue'))![0]);
    assert.equal(queue.Properties!.RedrivePolicy.maxReceiveCount, 5);
    assert.match(target(queue.Properties!.KmsMasterKeyId), /^KeysLogsKey/);
    const policy = resourcesOfType('AWS::SQS::QueuePolicy').find(([, resource]) => resource.Properties!.Queues.some((ref: any) => target(ref) === queueId))!;
    assert.ok(policy[1].Properties!.PolicyDocument.Statement.some((statement: any) => statement.Effect === 'Deny' && statement.Condition?.Bool?.['aws:SecureTransport'] === 'false'));
    const alarms = resourcesOfType('AWS::CloudWatch::Alarm').filter(([id]) => id.startsWith('TaskQueue'));
    assert.deepEqual(alarms.map(([, alarm]) => alarm.Properties!.MetricName).sort(), ['ApproximateAgeOfOldestMessage', 'ApproximateNumberOfMessagesVisible']);
    for (const [, alarm] of alarms) assert.match(target(alarm.Properties!.AlarmActions[0]), /^NotificationsTopic/);
  });

  test('the event bus archives every event of the account, and failure events go to the notification topic', () => {
    const [, archive] = theResource('AWS::Events::Archive');
    assert.deepEqual(archive.Properties!.EventPattern, { account: [{ Ref: 'AWS::AccountId' }] });
    const [, rule] = theResource('AWS::Events::Rule', (properties) => properties.EventBusName !== undefined);
    assert.ok(rule.Properties!.EventPattern['detail-type'].includes('Task Failed'));
    assert.match(target(rule.Properties!.Targets[0].Arn), /^NotificationsTopic/);
  });

  test('every task state of the automation retries with exponential backoff, and the approval waits on a task token', () => {
    const states = Object.entries(definition().States as Record<string, any>).filter(([, state]) => state.Type === 'Task');
    assert.deepEqual(states.map(([name]) => name).sort(), ['AssessRisk', 'RequestApproval', 'RollBack', 'RunAction', 'VerifyAction']);
    for (const [name, state] of states) {
      assert.ok(state.Retry.some((retry: any) => retry.BackoffRate >= 1.5 && retry.MaxAttempts > 0), name);
    }
    const approval = definition().States.RequestApproval;
    assert.match(approval.Resource, /lambda:invoke\.waitForTaskToken$/);
    assert.equal(approval.TimeoutSecondsPath, '$.assessment.approvalTimeoutSeconds');
    assert.deepEqual(approval.Catch.map((c: any) => c.ErrorEquals[0]), ['ApprovalRejected', 'States.Timeout']);
    assert.equal(definition().States.VerifyAction.Catch[0].Next, 'RollBack');
  });

  test('the state machine traces with X-Ray and logs everything to a log group encrypted with the logs key', () => {
    const [, machine] = theResource('AWS::StepFunctions::StateMachine');
    assert.equal(machine.Properties!.TracingConfiguration.Enabled, true);
    assert.equal(machine.Properties!.LoggingConfiguration.Level, 'ALL');
    const logGroupId = target(machine.Properties!.LoggingConfiguration.Destinations[0].CloudWatchLogsLogGroup.LogGroupArn);
    assert.match(target(workspaceJson.Resources[logGroupId].Properties.KmsKeyId), /^KeysLogsKey/);
  });

  test('the web ACL protects the API stage with the managed rule groups and a rate rule, and logs to an encrypted aws-waf-logs- group', () => {
    const [aclId, acl] = theResource('AWS::WAFv2::WebACL');
    assert.equal(acl.Properties!.Scope, 'REGIONAL');
    assert.deepEqual(acl.Properties!.Rules.filter((rule: any) => rule.Statement.ManagedRuleGroupStatement).map((rule: any) => rule.Name), MANAGED_RULE_GROUPS);
    const rate = acl.Properties!.Rules.find((rule: any) => rule.Statement.RateBasedStatement);
    assert.deepEqual(rate.Statement.RateBasedStatement.Limit, { Ref: 'WafRateLimit' });
    const [, association] = theResource('AWS::WAFv2::WebACLAssociation');
    assert.equal(target(association.Properties!.WebACLArn), aclId);
    assert.ok(JSON.stringify(association.Properties!.ResourceArn).includes('/stages/'));
    const [, logGroup] = theResource('AWS::Logs::LogGroup', (properties) => JSON.stringify(properties.LogGroupName ?? '').includes('aws-waf-logs-'));
    assert.match(target(logGroup.Properties!.KmsKeyId), /^KeysLogsKey/);
  });

  test('only the API handler may send approval decisions; IAM takes no resource for them, so the task token is what names the execution', () => {
    const decisions = resourcesOfType('AWS::IAM::Policy').filter(([, policy]) => JSON.stringify(policy.Properties!.PolicyDocument).includes('states:SendTaskSuccess'));
    assert.equal(decisions.length, 1);
    const [id, policy] = decisions[0];
    assert.equal(conditionOf(id), 'ApprovalWorkflowsEnabled');
    assert.deepEqual(policy.Properties!.Roles.map(target).map((role: string) => role.replace(/[A-F0-9]{8}$/, '')), ['ApiHandlerExecutionRole']);
    assert.equal(policy.Properties!.PolicyDocument.Statement[0].Resource, '*');
  });

  test('the API handler answers approval decisions only when the approval workflows exist', () => {
    const [, handler] = theResource('AWS::Lambda::Function', (properties) => JSON.stringify(properties.Code?.S3Key ?? '').includes('api-handler.zip'));
    assert.deepEqual(handler.Properties!.Environment.Variables.APPROVAL_WORKFLOWS, { 'Fn::If': ['ApprovalWorkflowsEnabled', 'true', 'false'] });
  });

  test('the GuardDuty detector watches S3 data events and publishes findings every 15 minutes', () => {
    const [, detector] = theResource('AWS::GuardDuty::Detector');
    assert.deepEqual([detector.Properties!.Enable, detector.Properties!.DataSources.S3Logs.Enable, detector.Properties!.FindingPublishingFrequency], [true, true, 'FIFTEEN_MINUTES']);
  });

  test('the guardrail option needs Bedrock, and the approval workflows need the task queue, before anything is created', () => {
    const rules = workspaceJson.Rules as Record<string, any>;
    assert.deepEqual(rules.BedrockGuardrailNeedsBedrock.RuleCondition, { 'Fn::Equals': [{ Ref: 'EnableBedrockGuardrail' }, 'true'] });
    assert.deepEqual(rules.ApprovalWorkflowsNeedTaskQueue.Assertions[0].Assert, { 'Fn::Equals': [{ Ref: 'EnableTaskQueue' }, 'true'] });
  });

  test('the automation steps function records its AI-assisted steps: it knows the listing\'s dimensions, may make the ledger\'s calls on the table, and the assess step gets the execution ARN', () => {
    const [functionId, steps] = theResource('AWS::Lambda::Function', (p) => JSON.stringify(p.Code?.S3Key ?? '').includes('functions/automation.zip'));
    assert.equal(steps.Properties!.Environment.Variables.METERING_DIMENSIONS, METERING_DIMENSIONS.join(','));
    const role = target(steps.Properties!.Role);
    const [tableId] = theResource('AWS::DynamoDB::Table');
    const actions = resourcesOfType('AWS::IAM::Policy')
      .filter(([, policy]) => policy.Properties!.Roles.some((candidate: any) => target(candidate) === role))
      .flatMap(([, policy]) => policy.Properties!.PolicyDocument.Statement as any[])
      .filter((statement) => JSON.stringify(statement.Resource).includes(tableId))
      .flatMap((statement) => [statement.Action].flat());
    for (const action of LEDGER_TABLE_ACTIONS) assert.ok(actions.includes(action), `${functionId}: ${action}`);
    const assess = definition().States.AssessRisk;
    assert.equal(assess.Parameters['executionArn.$'], '$$.Execution.Id');
  });
});
