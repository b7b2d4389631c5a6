import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AGENT_TASK_CPU, AGENT_TASK_MEMORY_MIB, WORKSPACE_AGENTS } from '../workspace/agents';
import { LEDGER_TABLE_ACTIONS } from '../../services/metering/contract';
import { SIDECAR_MEMORY_MIB } from '../workspace/metered-service';
import { resourcesOfType, target, taskDefinitionOf, theResource, workspaceJson } from './workspace-template';

const parameters = workspaceJson.Parameters as Record<string, any>;
const labels = workspaceJson.Metadata['AWS::CloudFormation::Interface'].ParameterLabels as Record<string, { default: string }>;
const [tableId] = theResource('AWS::DynamoDB::Table');
const [, engineTask] = taskDefinitionOf('engine');
const containerOf = (definition: any, name: string) => definition.Properties.ContainerDefinitions.find((container: any) => container.Name === name);
const environmentOf = (container: any) => Object.fromEntries(container.Environment.map((variable: any) => [variable.Name, variable.Value]));
/** The policies naming `role` (directly or under a condition), with their statements. */
const policiesOf = (role: string) => resourcesOfType('AWS::IAM::Policy')
  .filter(([, policy]) => policy.Properties!.Roles.some((candidate: any) => target(candidate) === role));
const roleEntry = (policyId: string, role: string) => workspaceJson.Resources[policyId].Properties.Roles.find((candidate: any) => target(candidate) === role);

describe('agent services (issue #8, seed 002: a supervisor and specialist agents)', () => {
  test('the supervisor, threat hunter, incident response and service orchestration agents are the optional services', () => {
    assert.deepEqual(WORKSPACE_AGENTS.map((agent) => agent.id), ['Supervisor', 'ThreatHunter', 'IncidentResponse', 'ServiceOrchestration']);
  });

  for (const agent of WORKSPACE_AGENTS) {
    const condition = `${agent.id}AgentEnabled`;
    const [, task] = taskDefinitionOf(`${agent.name}-agent`);
    const taskRole = target(task.Properties!.TaskRoleArn);

    describe(`the ${agent.name} agent`, () => {
      test('is off by default, behind its own switch, with an optional label and an ECR image and task count of its own', () => {
        const enable = parameters[`Enable${agent.id}Agent`];
        assert.equal(enable.Default, 'false');
        assert.deepEqual(enable.AllowedValues, ['true', 'false']);
        assert.match(labels[`Enable${agent.id}Agent`].default, /optional/);
        assert.match(enable.Description, /Off by default/);
        assert.deepEqual(workspaceJson.Conditions[condition], { 'Fn::Equals': [{ Ref: `Enable${agent.id}Agent` }, 'true'] });
        const image = parameters[`${agent.id}AgentImage`];
        assert.equal(image.AllowedPattern, parameters.EngineImage.AllowedPattern);
        assert.ok(new RegExp(image.AllowedPattern).test(image.Default));
        assert.ok(!new RegExp(image.AllowedPattern).test(`docker.io/${agent.name}:latest`));
        assert.equal(parameters[`${agent.id}AgentCount`].Type, 'Number');
        assert.ok(labels[`${agent.id}AgentImage`] && labels[`${agent.id}AgentCount`]);
      });

      test('every resource of its service exists only under its condition', () => {
        const own = Object.entries(workspaceJson.Resources as Record<string, any>).filter(([id]) => id.startsWith(`Agents${agent.id}`));
        assert.deepEqual([...new Set(own.map(([, resource]) => resource.Type))].sort(), [
          'AWS::ECS::Service', 'AWS::ECS::TaskDefinition', 'AWS::IAM::Policy', 'AWS::IAM::Role', 'AWS::Logs::LogGroup', 'AWS::Logs::MetricFilter',
        ]);
        for (const [id, resource] of own) assert.equal(resource.Condition, condition, id);
      });

      test('runs its own desired count of tasks on the engine\'s cluster', () => {
        const [, service] = theResource('AWS::ECS::Service', (properties) => target(properties.TaskDefinition) === taskDefinitionOf(`${agent.name}-agent`)[0]);
        assert.deepEqual(service.Properties!.DesiredCount, { Ref: `${agent.id}AgentCount` });
        const [, engineService] = theResource('AWS::ECS::Service', (properties) => target(properties.TaskDefinition) === taskDefinitionOf('engine')[0]);
        assert.deepEqual(service.Properties!.Cluster, engineService.Properties!.Cluster);
      });

      test('its task is the engine\'s pattern: its image beside a metering sidecar, both non-root on read-only roots, started once the sidecar is healthy', () => {
        assert.equal(task.Properties!.Cpu, String(AGENT_TASK_CPU));
        assert.equal(task.Properties!.Memory, String(AGENT_TASK_MEMORY_MIB));
        const workload = containerOf(task, `${agent.name}-agent`);
        const sidecar = containerOf(task, 'metering-sidecar');
        assert.deepEqual(workload.Image, { Ref: `${agent.id}AgentImage` });
        assert.equal(workload.Memory, AGENT_TASK_MEMORY_MIB - SIDECAR_MEMORY_MIB);
        assert.deepEqual(workload.DependsOn, [{ Condition: 'HEALTHY', ContainerName: 'metering-sidecar' }]);
        for (const container of [workload, sidecar]) {
          assert.equal(container.User, '1000:1000');
          assert.equal(container.ReadonlyRootFilesystem, true);
          assert.equal(container.StopTimeout, 60);
        }
        assert.equal(environmentOf(workload).METERING_URL, 'http://127.0.0.1:8080');
        assert.equal(environmentOf(workload).AGENT_NAME, agent.name);
      });

      test('its sidecar reports to the same DynamoDB ledger as the engine\'s, with the same settings', () => {
        const withoutLogs = ({ LogConfiguration, ...container }: any) => container;
        assert.deepEqual(withoutLogs(containerOf(task, 'metering-sidecar')), withoutLogs(containerOf(engineTask, 'metering-sidecar')));
        assert.equal(target(environmentOf(containerOf(task, 'metering-sidecar')).METERING_STORAGE['Fn::Join'][1][1]), tableId);
      });

      test('its task role may make only the ledger\'s calls on the workspace table, and report usage', () => {
        const statements = policiesOf(taskRole).flatMap(([, policy]) => policy.Properties!.PolicyDocument.Statement as any[]);
        const tableStatements = statements.filter((statement) => JSON.stringify(statement.Action).includes('dynamodb:'));
        assert.deepEqual(tableStatements.flatMap((statement) => statement.Action).sort(), [...LEDGER_TABLE_ACTIONS].sort());
        for (const statement of tableStatements) assert.equal(target([statement.Resource].flat()[0]), tableId);
        assert.ok(statements.some((statement) => statement.Sid === 'ReportMarketplaceUsage'));
        const actions = statements.flatMap((statement) => [statement.Action].flat());
        for (const forbidden of ['secretsmanager:GetSecretValue', 'sns:Publish', 'dynamodb:Scan', 'dynamodb:GetItem']) assert.ok(!actions.includes(forbidden), forbidden);
      });

      test('takes tasks from the queue, publishes events and calls models (through the guardrail) only where those options and the agent are on', () => {
        const expected: Record<string, string> = {
          TaskQueueEnabled: 'sqs:ReceiveMessage', EventRoutingEnabled: 'events:PutEvents',
          BedrockEnabled: 'bedrock:InvokeModel', BedrockGuardrailEnabled: 'bedrock:ApplyGuardrail',
        };
        for (const [option, action] of Object.entries(expected)) {
          const [policyId, policy] = policiesOf(taskRole).find(([, candidate]) => JSON.stringify(candidate.Properties!.PolicyDocument).includes(action))!;
          assert.equal(policy.Condition, option, action);
          assert.deepEqual(roleEntry(policyId, taskRole), { 'Fn::If': [condition, { Ref: taskRole }, { Ref: 'AWS::NoValue' }] });
          assert.equal(target(policy.Properties!.Roles[0]), target(engineTask.Properties!.TaskRoleArn), 'the engine keeps every policy attached to something');
        }
      });

      test('is told the queue, bus and guardrail only when they exist', () => {
        const environment = environmentOf(containerOf(task, `${agent.name}-agent`));
        assert.equal(environment.TASK_QUEUE_URL['Fn::If'][0], 'TaskQueueEnabled');
        assert.equal(environment.EVENT_BUS_NAME['Fn::If'][0], 'EventRoutingEnabled');
        assert.equal(environment.GUARDRAIL_ID['Fn::If'][0], 'BedrockGuardrailEnabled');
        assert.equal(environment.BEDROCK_MODEL_IDS['Fn::If'][0], 'BedrockEnabled');
      });
    });
  }
});
