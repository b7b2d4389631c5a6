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
    assert.equal(subnets.length, 6);
    assert.deepEqual([...subnets].sort((a, b) => a.logicalId.localeCompare(b.logicalId)), expected.sort((a, b) => a.logicalId.localeCompare(b.logicalId)));
    assert.deepEqual(subnets.map((subnet) => `${subnet.zone}:${subnet.tier}`), ['0:public', '0:private', '0:database', '1:public', '1:private', '1:database']);
  });

  test('the NAT gateways sit in the public subnets, the Lambda functions and the Fargate service in the private ones, DocumentDB in the database ones', () => {
    const architecture = readArchitecture(workspaceJson as any);
    const tiersOf = (title: string) => componentTitled(title).flatMap((component) =>
      component.placement.area === 'subnets' ? component.placement.subnetIds.map((id) => architecture.subnets.find((subnet) => subnet.logicalId === id)!.tier) : [component.placement.area]);
    assert.deepEqual(tiersOf('NAT gateway'), ['public', 'public']);
    assert.deepEqual(tiersOf('AWS Lambda'), ['private', 'private', 'private', 'private']);
    assert.deepEqual(tiersOf('ECS on Fargate'), ['private', 'private']);
    assert.deepEqual(tiersOf('Amazon DocumentDB'), ['database', 'database']);
    assert.deepEqual(tiersOf('Internet gateway'), ['vpc']);
  });

  test('the Fargate service names its containers: the engine and the metering sidecar', () => {
    assert.deepEqual([...componentTitled('ECS on Fargate')[0].details].sort(), ['engine', 'metering sidecar']);
  });

  test('the function that only backs the default-security-group custom resource is left out, the API handler and the executor are shown', () => {
    assert.deepEqual(componentTitled('AWS Lambda').map((component) => component.details[0]), ['API handler', 'Workflow executor']);
  });

  test('services whose resources all carry a Condition are optional: Bedrock, CloudTrail and S3; the table and the keys are not', () => {
    const optional = Object.fromEntries(readArchitecture(workspaceJson as any).components.map((component) => [component.key, component.optional]));
    assert.deepEqual([optional.bedrock, optional['audit-trail'], optional.buckets], [true, true, true]);
    assert.deepEqual([optional.table, optional.keys, optional.api, optional['sign-in']], [false, false, false, false]);
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
    assert.equal(architecture.defaultRoutes.length, 4);
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
