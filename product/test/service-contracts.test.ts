import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { apiHandlerEnvironmentSchema } from '../../services/api-handler/contract';
import { METERING_SIDECAR_VARIABLES, METERING_URL, SIDECAR_HEALTH_CHECK } from '../../services/metering/contract';
import { ENGINE_APPROVAL_ACTIONS, ENGINE_ENVIRONMENT_NAMES, ENGINE_HEALTH_CHECK, ENGINE_STEP_ACTIONS, ENGINE_TABLE_ACTIONS } from '../../services/engine/contract';
import { resourcesOfType, target, taskDefinitionOf, theResource } from './workspace-template';

/** Every Allow statement of a role's identity policies. */
function statementsOf(roleId: string): any[] {
  return resourcesOfType('AWS::IAM::Policy')
    .filter(([, policy]) => policy.Properties!.Roles.map(target).includes(roleId))
    .flatMap(([, policy]) => policy.Properties!.PolicyDocument.Statement.filter((statement: any) => statement.Effect === 'Allow'));
}

/** Every action the template allows a role, across its identity policies. */
function actionsOf(roleId: string): Set<string> {
  const actions = resourcesOfType('AWS::IAM::Policy')
    .filter(([, policy]) => policy.Properties!.Roles.map(target).includes(roleId))
    .flatMap(([, policy]) => policy.Properties!.PolicyDocument.Statement.filter((statement: any) => statement.Effect === 'Allow').flatMap((statement: any) => [statement.Action].flat()));
  return new Set(actions);
}

const [, engineTask] = taskDefinitionOf('engine');
const engine = engineTask.Properties!.ContainerDefinitions.find((container: any) => container.Name === 'engine');
const engineRole = target(engineTask.Properties!.TaskRoleArn);
const [, apiHandler] = theResource('AWS::Lambda::Function', (properties) => /Workspace API/.test(properties.Description));
const apiHandlerRole = target(apiHandler.Properties!.Role);
const [documentDbKey] = theResource('AWS::KMS::Key', (properties) => /DocumentDB/.test(properties.Description));
const [dynamoDbKey] = theResource('AWS::KMS::Key', (properties) => /DynamoDB table/.test(properties.Description));
const names = (statement: any, keyId: string) => [statement.Resource].flat().some((resource: any) => resource?.['Fn::GetAtt']?.[0] === keyId);
const mayUse = (roleId: string, keyId: string, action: string) => statementsOf(roleId).some((statement) => [statement.Action].flat().includes(action) && names(statement, keyId));

describe('the template and the services agree through one contract module per service', () => {
  test('the engine container is given exactly the variables the engine reads', () => {
    assert.deepEqual(engine.Environment.map((variable: { Name: string }) => variable.Name).sort(), [...ENGINE_ENVIRONMENT_NAMES].sort());
  });

  test('the engine reads the DocumentDB credentials from the master secret itself, so a rotation needs no restart', () => {
    assert.equal(engine.Secrets, undefined);
    assert.ok(actionsOf(engineRole).has('secretsmanager:GetSecretValue'));
  });

  test('the engine\'s health check is the contract\'s (the age of the heartbeat file its run loop writes)', () => {
    assert.deepEqual(engine.HealthCheck.Command, ENGINE_HEALTH_CHECK.command);
  });

  test('the engine\'s task role allows the calls the engine makes: its table calls, the aws step allow-list, and the approval workflow\'s', () => {
    const allowed = actionsOf(engineRole);
    for (const action of [...ENGINE_TABLE_ACTIONS, ...ENGINE_STEP_ACTIONS, ...ENGINE_APPROVAL_ACTIONS.stateMachine, ...ENGINE_APPROVAL_ACTIONS.executions, ...ENGINE_APPROVAL_ACTIONS.taskQueue]) {
      assert.ok(allowed.has(action), action);
    }
  });

  test('no aws step can call beyond the allow-list: the only EC2, SSM and Security Hub actions of the engine are the contract\'s', () => {
    const outside = [...actionsOf(engineRole)].filter((action) => /^(ec2|ssm|securityhub):/.test(action) && !ENGINE_STEP_ACTIONS.includes(action));
    assert.deepEqual(outside, []);
  });

  test('the API handler is given exactly the variables it reads', () => {
    assert.deepEqual(Object.keys(apiHandler.Properties!.Environment.Variables).sort(), Object.keys(apiHandlerEnvironmentSchema.shape).sort());
  });

  test('the engine and the API handler may decrypt the secrets they read (DocumentDB key, through Secrets Manager) and the table (DynamoDB key)', () => {
    for (const role of [engineRole, apiHandlerRole]) {
      assert.ok(mayUse(role, documentDbKey, 'kms:Decrypt'), `${role} DocumentDB key`);
      assert.ok(mayUse(role, dynamoDbKey, 'kms:Decrypt'), `${role} DynamoDB key`);
    }
    const viaSecretsManager = statementsOf(apiHandlerRole).find((statement) => names(statement, documentDbKey));
    assert.ok(JSON.stringify(viaSecretsManager.Condition).includes('secretsmanager.'));
  });

  test('every metering sidecar is given exactly the variables the sidecar reads, and every workload the sidecar\'s URL', () => {
    for (const [id, task] of resourcesOfType('AWS::ECS::TaskDefinition')) {
      const containers = task.Properties!.ContainerDefinitions;
      const sidecar = containers.find((container: any) => container.Name === 'metering-sidecar');
      assert.deepEqual(sidecar.Environment.map((variable: { Name: string }) => variable.Name).sort(), [...METERING_SIDECAR_VARIABLES].sort(), id);
      assert.deepEqual(sidecar.HealthCheck.Command, SIDECAR_HEALTH_CHECK.command, id);
      const workload = containers.find((container: any) => container.Name !== 'metering-sidecar');
      assert.equal(workload.Environment.find((variable: { Name: string }) => variable.Name === 'METERING_URL').Value, METERING_URL, id);
    }
  });
});

