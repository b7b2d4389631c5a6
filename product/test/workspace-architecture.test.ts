import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readArchitecture } from '../diagram/workspace-architecture';
import { resourcesOfType, workspaceJson } from './workspace-template';

const copyOfTemplate = (): Record<string, any> => structuredClone(workspaceJson);
const keysOf = (template: Record<string, any>) => readArchitecture(template as any).components.map((component) => component.key);
const componentTitled = (title: string, template = workspaceJson) => readArchitecture(template as any).components.filter((component) => component.title === title);

describe('what the architecture diagram shows, read from the workspace template', () => {

  test('each subnet is placed by its Tier tag and its Fn::GetAZs index, with the CIDR its parameter defaults to', () => {
    const expected = resourcesOfType('AWS::EC2::Subnet').map(([logicalId, subnet]) => ({
      logicalId,
      tier: subnet.Properties!.Tags.find((tag: { Key: string }) => tag.Key === 'Tier').Value.toLowerCase(),
      zone: subnet.Properties!.AvailabilityZone['Fn::Select'][0],
      cidr: workspaceJson.Parameters[subnet.Properties!.CidrBlock.Ref].Default,
    }));
    const subnets = readArchitecture(workspaceJson as any).subnets;
    assert.deepEqual([...subnets].sort((a, b) => a.logicalId.localeCompare(b.logicalId)), expected.sort((a, b) => a.logicalId.localeCompare(b.logicalId)));
    const tiers = ['public', 'private', 'database'];
    const order = subnets.map((subnet) => subnet.zone * tiers.length + tiers.indexOf(subnet.tier));
    assert.deepEqual(order, [...order].sort((a, b) => a - b), 'by zone, then public, private, database');
  });

  test('the NAT gateways sit in the public subnets, the Lambda functions and the Fargate services in the private ones, DocumentDB in the database ones', () => {
    const architecture = readArchitecture(workspaceJson as any);
    const tiersOf = (title: string) => componentTitled(title).flatMap((component) =>
      component.placement.area === 'subnets' ? component.placement.subnetIds.map((id) => architecture.subnets.find((subnet) => subnet.logicalId === id)!.tier) : [component.placement.area]);
    assert.deepEqual(tiersOf('NAT gateway'), ['public', 'public']);
    assert.deepEqual(tiersOf('AWS Lambda'), ['private', 'private']);
    assert.deepEqual(tiersOf('ECS on Fargate'), ['private', 'private']);
    assert.deepEqual(tiersOf('Amazon DocumentDB'), ['database', 'database']);
    assert.deepEqual(tiersOf('Internet gateway'), ['vpc']);
  });

  test('one Fargate component per cluster names its services, then the containers every service runs beside its own', () => {
    const services = resourcesOfType('AWS::ECS::Service');
    const [fargate] = componentTitled('ECS on Fargate');
    assert.equal(componentTitled('ECS on Fargate').length, new Set(services.map(([, service]) => service.Properties!.Cluster.Ref)).size);
    assert.deepEqual(fargate.members, services.map(([logicalId]) => logicalId));
    assert.ok(fargate.details.includes('Engine') && fargate.details.at(-1) === '+ metering sidecar', fargate.details.join(' | '));
  });

  test('when optional services join the cluster from the same task pattern, then they are listed in the one Fargate component, sharing one optional mark', () => {
    const template = copyOfTemplate();
    const services = resourcesOfType('AWS::ECS::Service');
    for (const [logicalId] of services.filter(([id]) => id.startsWith('Agents'))) delete template.Resources[logicalId];
    const [serviceId, service] = services.find(([id]) => !id.startsWith('Agents'))!;
    for (const name of ['Supervisor', 'ResearchAgent']) {
      template.Resources[`${name}Service0A1B2C3D`] = { ...structuredClone(service), Condition: 'TaskQueueEnabled' };
    }
    const fargate = componentTitled('ECS on Fargate', template);
    assert.equal(fargate.length, 1);
    assert.deepEqual(fargate[0].details, ['Engine', 'Supervisor, Research agent (optional)', '+ metering sidecar']);
    assert.deepEqual([fargate[0].optional, fargate[0].members], [false, [serviceId, 'SupervisorService0A1B2C3D', 'ResearchAgentService0A1B2C3D']]);
  });

  test('the agent services of the template are counted on one optional line of the Fargate component', () => {
    const agents = resourcesOfType('AWS::ECS::Service').filter(([id]) => id.startsWith('Agents'));
    const [fargate] = componentTitled('ECS on Fargate', copyOfTemplate());
    assert.deepEqual(fargate.details, ['Engine', `${agents.length} agents (optional)`, '+ metering sidecar']);
  });

  test('when every service of the cluster carries a Condition, then the Fargate component is optional and its lines carry no marks', () => {
    const template = copyOfTemplate();
    for (const [logicalId] of resourcesOfType('AWS::ECS::Service')) template.Resources[logicalId].Condition = 'TaskQueueEnabled';
    const [fargate] = componentTitled('ECS on Fargate', template);
    assert.equal(fargate.optional, true);
    assert.ok(fargate.details.every((line) => !line.includes('(optional)')));
  });

  test('the Lambda functions of a subnet set are one component, a line each, marked optional when a Condition can leave them out; the custom-resource function is left out', () => {
    const [lambdas] = componentTitled('AWS Lambda');
    const closer = resourcesOfType('AWS::Lambda::Function').filter(([logicalId]) => logicalId.startsWith('DefaultSecurityGroupCloser'));
    assert.equal(closer.length, 1);
    assert.ok(!lambdas.members!.includes(closer[0][0]));
    assert.deepEqual(lambdas.details, ['API handler', 'Workflow executor', 'Secret rotation', 'Approval workflow steps (optional)']);
    assert.equal(lambdas.optional, false);
  });

  test('services whose resources all carry a Condition are optional; those with any unconditional resource are not', () => {
    const optional = Object.fromEntries(readArchitecture(workspaceJson as any).components.map((component) => [component.key, component.optional]));
    assert.deepEqual([optional.bedrock, optional['audit-trail'], optional['threat-detection'], optional.workflows], [true, true, true, true]);
    assert.deepEqual([optional.table, optional.keys, optional.api, optional['sign-in'], optional.queues, optional.schedules, optional.buckets, optional.console], [false, false, false, false, false, false, false, false]);
  });

  test('the WAF web ACL stands in front of API Gateway, because its association names the API stage', () => {
    const [waf] = componentTitled('AWS WAF');
    assert.deepEqual([waf.placement, waf.optional], [{ area: 'guard', guards: 'api' }, true]);
  });

  test('when the web ACL is associated with nothing, then it is shown among the regional services', () => {
    const template = copyOfTemplate();
    for (const [logicalId] of resourcesOfType('AWS::WAFv2::WebACLAssociation')) delete template.Resources[logicalId];
    assert.deepEqual(componentTitled('AWS WAF', template)[0].placement, { area: 'regional' });
  });

  test('SQS names the task queue (optional) and counts the dead-letter queues other resources send failures to', () => {
    const resources = JSON.stringify(workspaceJson.Resources);
    const deadLetter = resourcesOfType('AWS::SQS::Queue').filter(([logicalId]) => resources.includes(`"deadLetterTargetArn":{"Fn::GetAtt":["${logicalId}"`) || resources.includes(`"DeadLetterConfig":{"TargetArn":{"Fn::GetAtt":["${logicalId}"`));
    assert.deepEqual(componentTitled('Amazon SQS')[0].details, ['task queue (optional)', `${deadLetter.length} dead-letter queues`]);
  });

  test('EventBridge shows the schedule and the optional custom event bus; Bedrock its optional guardrail; Step Functions the approval workflow', () => {
    assert.deepEqual(componentTitled('Amazon EventBridge')[0].details, ['runs every minute', 'event bus (optional)']);
    assert.deepEqual(componentTitled('Amazon Bedrock')[0].details, ['listed models only', 'guardrail (optional)']);
    assert.deepEqual(componentTitled('AWS Step Functions')[0].details, ['approval workflow']);
    assert.deepEqual(componentTitled('Amazon GuardDuty')[0].details, ['threat detection']);
  });

  test('the VPC endpoints name the S3 and DynamoDB gateways and count the interface endpoints, which a parameter can leave out', () => {
    const interfaces = resourcesOfType('AWS::EC2::VPCEndpoint').filter(([, endpoint]) => endpoint.Properties!.VpcEndpointType === 'Interface');
    assert.ok(interfaces.length > 0 && interfaces.every(([, endpoint]) => endpoint.Condition !== undefined));
    const [endpoints] = componentTitled('VPC endpoints');
    assert.deepEqual(endpoints.details, ['S3, DynamoDB gateways', `${interfaces.length} interface (optional)`]);
    assert.deepEqual([endpoints.optional, endpoints.placement.area], [false, 'vpc']);
  });

  test('the Region is labelled with the Regions the template Rules allow', () => {
    assert.deepEqual(readArchitecture(workspaceJson as any).regions, ['us-east-1', 'ap-south-1']);
  });

  test('private subnets route out through the NAT gateway of their own zone, public subnets through the internet gateway', () => {
    const architecture = readArchitecture(workspaceJson as any);
    const zoneOf = (subnetId: string) => architecture.subnets.find((subnet) => subnet.logicalId === subnetId)!;
    const gatewayZone = (key: string) => {
      const placement = architecture.components.find((component) => component.key === key)!.placement;
      return placement.area === 'subnets' ? zoneOf(placement.subnetIds[0]).zone : placement.area;
    };
    for (const route of architecture.defaultRoutes) {
      const subnet = zoneOf(route.subnetId);
      assert.equal(gatewayZone(route.gateway), subnet.tier === 'public' ? 'vpc' : subnet.zone, route.subnetId);
    }
    assert.equal(architecture.defaultRoutes.length, architecture.subnets.filter((subnet) => subnet.tier !== 'database').length, 'every public and private subnet has one');
  });

  test('when the DocumentDB cluster is removed from the template, then DocumentDB is no longer shown', () => {
    const template = copyOfTemplate();
    delete template.Resources[resourcesOfType('AWS::DocDB::DBCluster')[0][0]];
    assert.ok(keysOf(workspaceJson).some((key) => key.startsWith('DocumentDb')));
    assert.ok(!keysOf(template).some((key) => key.startsWith('DocumentDb')));
  });

  test('when the Bedrock policy loses its Condition, then Bedrock is no longer optional', () => {
    const template = copyOfTemplate();
    for (const resource of Object.values<any>(template.Resources)) {
      if (JSON.stringify(resource.Properties?.PolicyDocument ?? {}).includes('"bedrock:')) delete resource.Condition;
    }
    assert.equal(readArchitecture(template as any).components.find((component) => component.key === 'bedrock')!.optional, false);
  });

  test('when a subnet has no Tier tag, then reading fails naming the subnet and the tag', () => {
    const template = copyOfTemplate();
    const [logicalId] = resourcesOfType('AWS::EC2::Subnet')[0];
    template.Resources[logicalId].Properties.Tags = [];
    assert.throws(() => readArchitecture(template as any), new RegExp(`subnet ${logicalId} needs a Tier tag of Public, Private or Database`));
  });

  test('when a subnet hard-codes its Availability Zone, then reading fails naming the subnet and the fix', () => {
    const template = copyOfTemplate();
    const [logicalId] = resourcesOfType('AWS::EC2::Subnet')[0];
    template.Resources[logicalId].Properties.AvailabilityZone = 'us-east-1a';
    assert.throws(() => readArchitecture(template as any), new RegExp(`subnet ${logicalId} must take its AvailabilityZone from .*Fn::GetAZs`));
  });

  test('when the input is not a template, then reading fails saying what to pass', () => {
    assert.throws(() => readArchitecture({} as any), /the template has no Resources section; pass a synthesized CloudFormation template/);
  });
});
