import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { resourcesOfType, target, theResource, workspaceJson } from './workspace-template';

interface Grant { policy: string; roles: string[]; actions: string[]; resources: unknown[]; condition?: unknown }

/** Every identity-policy statement of the template, with the roles it is attached to. */
const grants: Grant[] = [
  ...resourcesOfType('AWS::IAM::Policy').flatMap(([id, policy]) => policy.Properties!.PolicyDocument.Statement.map((statement: any) => ({
    policy: id, roles: policy.Properties!.Roles.map(target), actions: [statement.Action].flat(), resources: [statement.Resource].flat(), condition: statement.Condition,
  }))),
  ...resourcesOfType('AWS::IAM::Role').flatMap(([id, role]) => (role.Properties!.Policies ?? []).flatMap((inline: any) =>
    inline.PolicyDocument.Statement.map((statement: any) => ({
      policy: `${id}/${inline.PolicyName}`, roles: [id], actions: [statement.Action].flat(), resources: [statement.Resource].flat(), condition: statement.Condition,
    })))),
];

/**
 * Actions that admit no resource-level permission, so a statement of them must name "*". Nothing else
 * may: every other grant names the workspace's own resources.
 */
const RESOURCELESS_ACTIONS = new Set([
  'ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DeleteNetworkInterface', 'ec2:AssignPrivateIpAddresses',
  'ec2:UnassignPrivateIpAddresses', 'ec2:DescribeSecurityGroups', 'xray:PutTraceSegments', 'xray:PutTelemetryRecords',
  'ecr:GetAuthorizationToken', 'aws-marketplace:MeterUsage', 'aws-marketplace:RegisterUsage',
]);

const roleOfTaskDefinition = (property: 'TaskRoleArn' | 'ExecutionRoleArn') => target(theResource('AWS::ECS::TaskDefinition')[1].Properties![property]);

describe('IAM (seed guide: least-privilege roles)', () => {
  test('no statement grants every action of a service or of all services', () => {
    for (const grant of grants) for (const action of grant.actions) assert.ok(action !== '*' && !action.endsWith(':*'), `${grant.policy}: ${action}`);
  });

  test('a statement names "*" as resource only when every action in it admits no resource', () => {
    for (const grant of grants.filter((candidate) => candidate.resources.includes('*'))) {
      for (const action of grant.actions) assert.ok(RESOURCELESS_ACTIONS.has(action), `${grant.policy}: ${action} on "*"`);
    }
  });

  test('only the ECS task role may report usage to AWS Marketplace', () => {
    const metering = grants.filter((grant) => grant.actions.some((action) => action.startsWith('aws-marketplace:')));
    assert.deepEqual([...new Set(metering.flatMap((grant) => grant.roles))], [roleOfTaskDefinition('TaskRoleArn')]);
    assert.deepEqual(metering.flatMap((grant) => grant.actions).sort(), ['aws-marketplace:MeterUsage', 'aws-marketplace:RegisterUsage']);
  });

  test('the task execution role pulls images only from the registry named in the image parameters', () => {
    const pulls = grants.find((grant) => grant.actions.includes('ecr:BatchGetImage'))!;
    assert.deepEqual(pulls.roles, [roleOfTaskDefinition('ExecutionRoleArn')]);
    for (const resource of pulls.resources) assert.ok(JSON.stringify(resource).includes(':repository/*'));
  });

  test('the seed\'s roles exist: Lambda execution, ECS task, ECS task execution, API Gateway', () => {
    const trusted = resourcesOfType('AWS::IAM::Role').map(([, role]) => JSON.stringify(role.Properties!.AssumeRolePolicyDocument));
    for (const service of ['lambda.amazonaws.com', 'ecs-tasks.amazonaws.com', 'apigateway.amazonaws.com']) {
      assert.ok(trusted.some((document) => document.includes(service)), service);
    }
    assert.notEqual(roleOfTaskDefinition('TaskRoleArn'), roleOfTaskDefinition('ExecutionRoleArn'));
  });

  test('Bedrock may be invoked only for the listed models, only when the buyer enables it', () => {
    const bedrock = grants.filter((grant) => grant.actions.some((action) => action.startsWith('bedrock:')));
    assert.equal(bedrock.length, 1);
    assert.deepEqual(bedrock[0].actions, ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream']);
    assert.equal(workspaceJson.Resources[bedrock[0].policy].Condition, 'BedrockEnabled');
    assert.ok(JSON.stringify(bedrock[0].resources).includes('{"Ref":"BedrockModelIds"}'));
  });

  test('no role carries an AWS managed policy', () => {
    for (const [id, role] of resourcesOfType('AWS::IAM::Role')) assert.equal(role.Properties!.ManagedPolicyArns, undefined, id);
  });
});
