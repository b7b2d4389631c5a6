import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CloudFormationTemplate, resolveValue, TemplateResource } from '../cloudformation';
import { resourcesOfType, target, taskDefinitionOf, theResource, workspaceJson } from './workspace-template';

interface Grant { policy: string; roles: string[]; effect: string; actions: string[]; resources: unknown[]; condition?: unknown }

/** Every identity-policy statement of the template, with the roles it is attached to. */
const grants: Grant[] = [
  ...resourcesOfType('AWS::IAM::Policy').flatMap(([id, policy]) => policy.Properties!.PolicyDocument.Statement.map((statement: any) => ({
    policy: id, roles: policy.Properties!.Roles.map(target), effect: statement.Effect, actions: [statement.Action].flat(), resources: [statement.Resource].flat(), condition: statement.Condition,
  }))),
  ...resourcesOfType('AWS::IAM::Role').flatMap(([id, role]) => (role.Properties!.Policies ?? []).flatMap((inline: any) =>
    inline.PolicyDocument.Statement.map((statement: any) => ({
      policy: `${id}/${inline.PolicyName}`, roles: [id], effect: statement.Effect, actions: [statement.Action].flat(), resources: [statement.Resource].flat(), condition: statement.Condition,
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
  // Step Functions tracing and log delivery (the state machine role), as the Step Functions guide lists them.
  'xray:GetSamplingRules', 'xray:GetSamplingTargets', 'logs:CreateLogDelivery', 'logs:GetLogDelivery', 'logs:UpdateLogDelivery',
  'logs:DeleteLogDelivery', 'logs:ListLogDeliveries', 'logs:PutResourcePolicy', 'logs:DescribeResourcePolicies', 'logs:DescribeLogGroups',
  // The engine's aws steps that the Service Authorization Reference lists with no resource type.
  'ec2:DescribeInstances', 'ssm:DescribeInstanceInformation', 'ssm:GetCommandInvocation',
  // Approval decisions: the task token names the execution.
  'states:SendTaskSuccess', 'states:SendTaskFailure',
  // The secret rotation's new passwords.
  'secretsmanager:GetRandomPassword',
]);

const roleOfTaskDefinition = (property: 'TaskRoleArn' | 'ExecutionRoleArn') => target(taskDefinitionOf('engine')[1].Properties![property]);

describe('IAM (seed guide: least-privilege roles)', () => {
  test('no statement grants every action of a service or of all services', () => {
    for (const grant of grants) for (const action of grant.actions) assert.ok(action !== '*' && !action.endsWith(':*'), `${grant.policy}: ${action}`);
  });

  test('an Allow statement names "*" as resource only when every action in it admits no resource', () => {
    for (const grant of grants.filter((candidate) => candidate.effect === 'Allow' && candidate.resources.includes('*'))) {
      for (const action of grant.actions) assert.ok(RESOURCELESS_ACTIONS.has(action), `${grant.policy}: ${action} on "*"`);
    }
  });

  test('only the ECS task roles (the engine\'s and each agent\'s, where the metering sidecars run) may report usage to AWS Marketplace', () => {
    const metering = grants.filter((grant) => grant.actions.some((action) => action.startsWith('aws-marketplace:')));
    const taskRoles = resourcesOfType('AWS::ECS::TaskDefinition').map(([, definition]) => target(definition.Properties!.TaskRoleArn));
    assert.deepEqual([...new Set(metering.flatMap((grant) => grant.roles))].sort(), taskRoles.sort());
    assert.deepEqual([...new Set(metering.flatMap((grant) => grant.actions))].sort(), ['aws-marketplace:MeterUsage', 'aws-marketplace:RegisterUsage']);
  });

  test('each task execution role pulls images only from the registries named in its image parameters', () => {
    const pulls = grants.filter((grant) => grant.actions.includes('ecr:BatchGetImage'));
    const executionRoles = resourcesOfType('AWS::ECS::TaskDefinition').map(([, definition]) => target(definition.Properties!.ExecutionRoleArn));
    assert.deepEqual(pulls.flatMap((grant) => grant.roles).sort(), executionRoles.sort());
    for (const pull of pulls) for (const resource of pull.resources) assert.ok(JSON.stringify(resource).includes(':repository/*'));
    assert.ok(JSON.stringify(pulls.find((grant) => grant.roles[0] === roleOfTaskDefinition('ExecutionRoleArn'))!.resources).includes('{"Ref":"EngineImage"}'));
  });

  test('the seed\'s roles exist: Lambda execution, ECS task, ECS task execution, API Gateway', () => {
    const trusted = resourcesOfType('AWS::IAM::Role').map(([, role]) => JSON.stringify(role.Properties!.AssumeRolePolicyDocument));
    for (const service of ['lambda.amazonaws.com', 'ecs-tasks.amazonaws.com', 'apigateway.amazonaws.com']) {
      assert.ok(trusted.some((document) => document.includes(service)), service);
    }
    assert.notEqual(roleOfTaskDefinition('TaskRoleArn'), roleOfTaskDefinition('ExecutionRoleArn'));
  });

  test('Bedrock may be invoked only for the listed models, only when the buyer enables it', () => {
    const bedrock = grants.filter((grant) => grant.effect === 'Allow' && grant.actions.some((action) => action.startsWith('bedrock:Invoke')));
    assert.deepEqual(bedrock.map((grant) => workspaceJson.Resources[grant.policy].Condition).sort(), ['ApprovalWorkflowsWithBedrock', 'BedrockEnabled']);
    for (const grant of bedrock) {
      assert.deepEqual(grant.actions, ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream']);
      assert.ok(JSON.stringify(grant.resources).includes('{"Ref":"BedrockModelIds"}'));
    }
  });

  test('with the guardrail on, every role that may invoke models is denied invocation that does not name the guardrail version', () => {
    const allowed = grants.filter((grant) => grant.effect === 'Allow' && grant.actions.includes('bedrock:InvokeModel'));
    const denied = grants.filter((grant) => grant.effect === 'Deny' && grant.actions.includes('bedrock:InvokeModel'));
    assert.deepEqual(denied.flatMap((grant) => grant.roles).sort(), allowed.flatMap((grant) => grant.roles).sort());
    const conditionOf = (grant: Grant) => workspaceJson.Resources[grant.policy].Condition;
    assert.deepEqual(denied.map(conditionOf).sort(), ['ApprovalWorkflowsWithGuardrail', 'BedrockGuardrailEnabled']);
    const applying = grants.filter((grant) => grant.actions.includes('bedrock:ApplyGuardrail'));
    assert.deepEqual(applying.map((grant) => grant.policy).sort(), denied.map((grant) => grant.policy).sort());
    for (const grant of denied) {
      assert.deepEqual(grant.resources, ['*']);
      const required = (grant.condition as any).StringNotEquals['bedrock:GuardrailIdentifier'];
      assert.deepEqual(required['Fn::Join'][1].map((part: any) => part['Fn::GetAtt']), [
        [theResource('AWS::Bedrock::Guardrail')[0], 'GuardrailArn'], [theResource('AWS::Bedrock::GuardrailVersion')[0], 'Version'],
      ]);
    }
  });

  test('no role carries an AWS managed policy', () => {
    for (const [id, role] of resourcesOfType('AWS::IAM::Role')) assert.equal(role.Properties!.ManagedPolicyArns, undefined, id);
  });
});

describe('the buyer\'s permissions boundary on every workspace role (PermissionsBoundaryArn)', () => {
  const BOUNDARY = 'arn:aws:iam::123456789012:policy/WorkspaceBoundary';
  const boundaryOf = (role: TemplateResource, parameters: Record<string, string>) =>
    (resolveValue(workspaceJson as CloudFormationTemplate, { boundary: role.Properties!.PermissionsBoundary }, { parameters }) as Record<string, unknown>).boundary;

  test('when a boundary is given, then every role of the template carries it', () => {
    const roles = resourcesOfType('AWS::IAM::Role');
    assert.ok(roles.length > 10, `${roles.length} roles`);
    for (const [id, role] of roles) assert.equal(boundaryOf(role, { PermissionsBoundaryArn: BOUNDARY }), BOUNDARY, id);
  });

  test('when none is given (the default), then no role has a boundary', () => {
    for (const [id, role] of resourcesOfType('AWS::IAM::Role')) assert.equal(boundaryOf(role, {}), undefined, id);
  });

  test('the parameter takes a managed policy ARN of any partition or nothing, and says so otherwise', () => {
    const { AllowedPattern, ConstraintDescription, Default } = workspaceJson.Parameters.PermissionsBoundaryArn;
    const pattern = new RegExp(AllowedPattern);
    assert.equal(Default, '');
    for (const good of ['', BOUNDARY, 'arn:aws-cn:iam::123456789012:policy/team/Boundary']) assert.ok(pattern.test(good), good);
    for (const bad of ['WorkspaceBoundary', 'arn:aws:iam::123456789012:role/Admin', 'arn:aws:iam::aws:policy/AdministratorAccess']) assert.ok(!pattern.test(bad), bad);
    assert.match(ConstraintDescription, /ARN of an IAM managed policy/);
  });
});
