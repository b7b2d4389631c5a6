import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { resourcesOfType, target, taskDefinitionOf, template, workspaceJson } from './workspace-template';

const workspaceFunctions = resourcesOfType('AWS::Lambda::Function').filter(([, fn]) => fn.Properties!.Code.S3Key);
const privateSubnets = () => ['PrivateSubnet1Cidr', 'PrivateSubnet2Cidr'];
const cidrParameterOf = (subnet: any) => workspaceJson.Resources[target(subnet)].Properties.CidrBlock.Ref;

describe('Lambda functions (seed guide: API operations and automation workflows)', () => {
  test('there are the API handler, the workflow executor, the automation steps, the console publisher and the secret rotation, with code from the release bucket', () => {
    const keys = workspaceFunctions.map(([, fn]) => JSON.stringify(fn.Properties!.Code.S3Key));
    assert.equal(keys.length, 5);
    assert.ok(keys.some((key) => key.includes('functions/secret-rotation.zip')));
    assert.ok(keys.some((key) => key.includes('functions/console-publisher.zip')));
    assert.ok(keys.some((key) => key.includes('functions/automation.zip')));
    assert.ok(keys.some((key) => key.includes('functions/api-handler.zip')));
    assert.ok(keys.some((key) => key.includes('functions/workflow-executor.zip')));
    for (const [, fn] of workspaceFunctions) {
      assert.ok(JSON.stringify(fn.Properties!.Code.S3Key).includes('{"Ref":"MPS3KeyPrefix"}'));
      assert.deepEqual(fn.Properties!.Code.S3Bucket['Fn::If'][0], 'ReleaseBucketInStackRegion');
    }
  });

  test('outside the release bucket\'s Region, code is read from its regional copy <bucket>-<region>', () => {
    const [, fn] = workspaceFunctions[0];
    assert.deepEqual(fn.Properties!.Code.S3Bucket['Fn::If'][1], { Ref: 'MPS3BucketName' });
    assert.deepEqual(fn.Properties!.Code.S3Bucket['Fn::If'][2], { 'Fn::Join': ['-', [{ Ref: 'MPS3BucketName' }, { Ref: 'AWS::Region' }]] });
  });

  for (const index of [0, 1]) {
    test(`function ${index + 1} has 1024 MB, bounded reserved concurrency, X-Ray, a dead-letter queue, and runs in the private subnets`, () => {
      const [, fn] = workspaceFunctions[index];
      const p = fn.Properties!;
      assert.equal(p.MemorySize, 1024);
      assert.deepEqual(p.ReservedConcurrentExecutions, { Ref: 'FunctionReservedConcurrency' });
      assert.deepEqual(p.TracingConfig, { Mode: 'Active' });
      assert.ok(workspaceJson.Resources[target(p.DeadLetterConfig.TargetArn)].Type === 'AWS::SQS::Queue');
      assert.deepEqual(p.VpcConfig.SubnetIds.map(cidrParameterOf), privateSubnets());
      assert.ok(workspaceJson.Resources[target(p.LoggingConfig.LogGroup)].Properties.KmsKeyId);
    });
  }

  test('reserved concurrency stays below the seed\'s 1,000 concurrent executions', () => {
    const parameter = workspaceJson.Parameters.FunctionReservedConcurrency;
    assert.ok(parameter.MaxValue < 1000);
    assert.ok(parameter.Default <= parameter.MaxValue);
  });

  test('dead-letter queues are encrypted with a customer-managed key', () => {
    for (const [, queue] of resourcesOfType('AWS::SQS::Queue')) assert.ok(queue.Properties!.KmsMasterKeyId);
  });
});

describe('ECS on Fargate (seed guide: containerized execution)', () => {
  const [, taskDefinition] = taskDefinitionOf('engine');
  const containers = taskDefinition.Properties!.ContainerDefinitions;
  const container = (name: string) => containers.find((candidate: any) => candidate.Name === name);

  test('the cluster has Container Insights on', () => {
    template.hasResourceProperties('AWS::ECS::Cluster', { ClusterSettings: [{ Name: 'containerInsights', Value: 'enabled' }] });
  });

  test('the task size comes from parameters within the seed\'s 0.25 to 4 vCPU', () => {
    assert.deepEqual(taskDefinition.Properties!.Cpu, { Ref: 'EngineTaskCpu' });
    assert.deepEqual(taskDefinition.Properties!.Memory, { Ref: 'EngineTaskMemory' });
    assert.deepEqual(workspaceJson.Parameters.EngineTaskCpu.AllowedValues, ['256', '512', '1024', '2048', '4096']);
    assert.deepEqual(taskDefinition.Properties!.RequiresCompatibilities, ['FARGATE']);
  });

  test('a rule rejects CPU and memory pairs Fargate does not run', () => {
    const rule = workspaceJson.Rules.EngineTaskSizeFor256Cpu;
    assert.deepEqual(rule.RuleCondition, { 'Fn::Equals': [{ Ref: 'EngineTaskCpu' }, '256'] });
    assert.deepEqual(rule.Assertions[0].Assert, { 'Fn::Contains': [['512', '1024', '2048'], { Ref: 'EngineTaskMemory' }] });
  });

  test('the engine and the metering sidecar run as a non-root user on read-only root file systems', () => {
    for (const name of ['engine', 'metering-sidecar']) {
      assert.equal(container(name).User, '1000:1000');
      assert.equal(container(name).ReadonlyRootFilesystem, true);
      assert.equal(container(name).Essential, true);
      assert.equal(container(name).LogConfiguration.LogDriver, 'awslogs');
    }
  });

  test('images come from parameters that accept Amazon ECR URIs only', () => {
    assert.deepEqual(container('engine').Image, { Ref: 'EngineImage' });
    assert.deepEqual(container('metering-sidecar').Image, { Ref: 'MeteringSidecarImage' });
    const pattern = new RegExp(workspaceJson.Parameters.EngineImage.AllowedPattern);
    assert.ok(pattern.test('709825985650.dkr.ecr.us-east-1.amazonaws.com/seller/engine:1.0.0'));
    assert.ok(!pattern.test('docker.io/library/nginx:latest'));
  });

  test('the engine starts only after the sidecar reports healthy, and reaches it on loopback', () => {
    assert.deepEqual(container('engine').DependsOn, [{ Condition: 'HEALTHY', ContainerName: 'metering-sidecar' }]);
    assert.ok(container('metering-sidecar').HealthCheck.Command.join(' ').includes('http://127.0.0.1:8080/healthz'));
    assert.deepEqual(container('engine').Environment.find((variable: any) => variable.Name === 'METERING_URL').Value, 'http://127.0.0.1:8080');
  });

  test('every service (the engine and each agent) runs in the private subnets without public addresses and rolls back failed deployments', () => {
    const services = resourcesOfType('AWS::ECS::Service');
    assert.equal(services.length, 5);
    for (const [, service] of services) {
      const network = service.Properties!.NetworkConfiguration.AwsvpcConfiguration;
      assert.equal(network.AssignPublicIp, 'DISABLED');
      assert.deepEqual(network.Subnets.map(cidrParameterOf), privateSubnets());
      assert.deepEqual(service.Properties!.DeploymentConfiguration.DeploymentCircuitBreaker, { Enable: true, Rollback: true });
    }
  });

  test('the service scales on CPU and on memory between the minimum and maximum task counts', () => {
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', { MinCapacity: { Ref: 'EngineMinCount' }, MaxCapacity: { Ref: 'EngineMaxCount' } });
    const metrics = resourcesOfType('AWS::ApplicationAutoScaling::ScalingPolicy')
      .map(([, policy]) => policy.Properties!.TargetTrackingScalingPolicyConfiguration.PredefinedMetricSpecification.PredefinedMetricType).sort();
    assert.deepEqual(metrics, ['ECSServiceAverageCPUUtilization', 'ECSServiceAverageMemoryUtilization']);
  });
});
