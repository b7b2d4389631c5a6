import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readConfig } from '../../services/metering/server/config';
import { SHUTDOWN_BUDGET_MS } from '../../services/metering/server/sidecar';
import { resourcesOfType, target, taskDefinitionOf, theResource } from './workspace-template';

const [, taskDefinition] = taskDefinitionOf('engine');
const sidecar = taskDefinition.Properties!.ContainerDefinitions.find((container: any) => container.Name === 'metering-sidecar');
const environment = Object.fromEntries(sidecar.Environment.map((variable: any) => [variable.Name, variable.Value]));

describe('the metering sidecar in the task definition', () => {
  test('reports custom dimensions when a product code is given, and only records otherwise', () => {
    assert.deepEqual(environment.METERING_MODE, { 'Fn::If': ['MarketplaceMeteringEnabled', 'custom', 'off'] });
    assert.deepEqual(environment.METERING_PRODUCT_CODE, { Ref: 'MarketplaceProductCode' });
  });

  test('keeps its ledger in the workspace table and listens on the task\'s loopback only, so it needs no token', () => {
    assert.equal(target(environment.METERING_STORAGE['Fn::Join'][1][1]), target({ Ref: resourcesOfType('AWS::DynamoDB::Table')[0][0] }));
    assert.equal(environment.METERING_STORAGE['Fn::Join'][1][0], 'dynamodb:');
    assert.equal(environment.METERING_BIND, '127.0.0.1');
    assert.equal(environment.METERING_TOKEN, undefined);
    assert.equal(sidecar.Secrets, undefined);
  });

  test('the task role may write the ledger\'s items in the table: the calls the DynamoDB ledger makes, on that table only', () => {
    const taskRole = target(taskDefinition.Properties!.TaskRoleArn);
    const [tableId] = resourcesOfType('AWS::DynamoDB::Table')[0];
    const statements = resourcesOfType('AWS::IAM::Policy')
      .filter(([, policy]) => policy.Properties!.Roles.some((role: any) => target(role) === taskRole))
      .flatMap(([, policy]) => policy.Properties!.PolicyDocument.Statement as any[])
      .filter((statement) => JSON.stringify(statement.Action).includes('dynamodb:'));
    const actions = statements.flatMap((statement) => statement.Action);
    for (const action of ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:ConditionCheckItem', 'dynamodb:Query']) assert.ok(actions.includes(action), action);
    for (const statement of statements) assert.equal(target([statement.Resource].flat()[0]), tableId);
  });

  test('its environment passes the sidecar\'s own configuration check', () => {
    const resolved = { ...environment, METERING_MODE: 'custom', METERING_PRODUCT_CODE: 'abcdefghijklmnopqrstuvwxy', METERING_STORAGE: 'dynamodb:workspace-table', AWS_REGION: 'us-east-1' };
    assert.equal(readConfig(resolved).mode, 'custom');
  });

  test('ECS waits longer for it at stop than it needs to send the current hour', () => {
    assert.ok(sidecar.StopTimeout * 1000 > SHUTDOWN_BUDGET_MS);
  });

  test('one alarm notifies the workspace topic when any sidecar (the engine\'s or an agent\'s) logs an alarm line', () => {
    const filters = resourcesOfType('AWS::Logs::MetricFilter').filter(([, filter]) => filter.Properties!.MetricTransformations[0].MetricName === 'MeteringAlarmLines');
    const logGroups = resourcesOfType('AWS::ECS::TaskDefinition').map(([, definition]) => target(definition.Properties!.ContainerDefinitions[0].LogConfiguration.Options['awslogs-group']));
    assert.deepEqual(filters.map(([, filter]) => target(filter.Properties!.LogGroupName)).sort(), logGroups.sort());
    const [, alarm] = theResource('AWS::CloudWatch::Alarm', (p) => p.MetricName === 'MeteringAlarmLines');
    for (const [, filter] of filters) {
      assert.equal(filter.Properties!.FilterPattern, '{ $.level = "alarm" }');
      assert.deepEqual(filter.Properties!.MetricTransformations[0].MetricNamespace, alarm.Properties!.Namespace);
    }
    const [topicId] = theResource('AWS::SNS::Topic');
    assert.deepEqual(alarm.Properties!.AlarmActions.map(target), [topicId]);
    assert.equal(alarm.Properties!.Threshold, 1);
  });
});
