import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { mentions, resourcesOfType, target, template, theResource, workspaceJson } from './workspace-template';

const subnetNamed = (tier: string, index: number) =>
  theResource('AWS::EC2::Subnet', (properties) => mentions(properties.CidrBlock, `${tier}Subnet${index}Cidr`));
const associatedTable = (subnetId: string) =>
  target(theResource('AWS::EC2::SubnetRouteTableAssociation', (properties) => target(properties.SubnetId) === subnetId)[1].Properties!.RouteTableId);
const routesOf = (tableId: string) =>
  resourcesOfType('AWS::EC2::Route').filter(([, route]) => target(route.Properties!.RouteTableId) === tableId).map(([, route]) => route.Properties!);

describe('workspace network (seed guide: VPC and Subnets, Route Tables)', () => {

  test('the VPC takes its CIDR from a parameter that defaults to 10.0.0.0/16, with DNS on', () => {
    assert.equal(workspaceJson.Parameters.VpcCidr.Default, '10.0.0.0/16');
    template.hasResourceProperties('AWS::EC2::VPC', { CidrBlock: { Ref: 'VpcCidr' }, EnableDnsHostnames: true, EnableDnsSupport: true });
  });

  for (const [name, cidr] of [
    ['PublicSubnet1Cidr', '10.0.1.0/24'], ['PublicSubnet2Cidr', '10.0.2.0/24'],
    ['PrivateSubnet1Cidr', '10.0.10.0/24'], ['PrivateSubnet2Cidr', '10.0.20.0/24'],
    ['DatabaseSubnet1Cidr', '10.0.30.0/24'], ['DatabaseSubnet2Cidr', '10.0.40.0/24'],
  ]) {
    test(`${name} defaults to the seed's ${cidr} and rejects what is not a CIDR`, () => {
      const parameter = workspaceJson.Parameters[name];
      assert.equal(parameter.Default, cidr);
      const pattern = new RegExp(parameter.AllowedPattern);
      assert.ok(pattern.test(cidr));
      for (const bad of ['10.0.1.0', '10.0.1.0/33', '300.0.1.0/24', '10.0.1.0/24 ', '10.0.1.0/8']) assert.ok(!pattern.test(bad), bad);
    });
  }

  test('there are two subnets per tier, in the first and second zone of the Region, never a hard-coded zone', () => {
    for (const tier of ['Public', 'Private', 'Database']) {
      for (const index of [1, 2]) {
        const [, subnet] = subnetNamed(tier, index);
        assert.deepEqual(subnet.Properties!.AvailabilityZone, { 'Fn::Select': [index - 1, { 'Fn::GetAZs': '' }] });
        assert.equal(subnet.Properties!.MapPublicIpOnLaunch, false);
      }
    }
    assert.ok(!/"(us-east-1|ap-south-1)[a-f]"/.test(JSON.stringify(workspaceJson)), 'no zone name appears in the template');
  });

  test('each public subnet has a NAT gateway with its own Elastic IP', () => {
    const nats = resourcesOfType('AWS::EC2::NatGateway');
    assert.equal(nats.length, 2);
    const natSubnets = nats.map(([, nat]) => target(nat.Properties!.SubnetId)).sort();
    assert.deepEqual(natSubnets, [subnetNamed('Public', 1)[0], subnetNamed('Public', 2)[0]].sort());
    const addresses = new Set(nats.map(([, nat]) => target(nat.Properties!.AllocationId)));
    assert.equal(addresses.size, 2);
    template.resourceCountIs('AWS::EC2::EIP', 2);
  });

  test('the public route table sends 0.0.0.0/0 to the internet gateway', () => {
    const table = associatedTable(subnetNamed('Public', 1)[0]);
    assert.equal(associatedTable(subnetNamed('Public', 2)[0]), table);
    const [gatewayId] = theResource('AWS::EC2::InternetGateway');
    assert.deepEqual(routesOf(table).map((route) => [route.DestinationCidrBlock, target(route.GatewayId)]), [['0.0.0.0/0', gatewayId]]);
    template.hasResourceProperties('AWS::EC2::VPCGatewayAttachment', { InternetGatewayId: { Ref: gatewayId } });
  });

  test('each private subnet has its own route table sending 0.0.0.0/0 to the NAT gateway of its zone', () => {
    for (const index of [1, 2]) {
      const table = associatedTable(subnetNamed('Private', index)[0]);
      const routes = routesOf(table);
      assert.equal(routes.length, 1);
      assert.equal(routes[0].DestinationCidrBlock, '0.0.0.0/0');
      const nat = workspaceJson.Resources[target(routes[0].NatGatewayId)];
      assert.equal(target(nat.Properties.SubnetId), subnetNamed('Public', index)[0]);
    }
    assert.notEqual(associatedTable(subnetNamed('Private', 1)[0]), associatedTable(subnetNamed('Private', 2)[0]));
  });

  test('the database route table has no route at all: local traffic only, no internet', () => {
    const table = associatedTable(subnetNamed('Database', 1)[0]);
    assert.equal(associatedTable(subnetNamed('Database', 2)[0]), table);
    assert.deepEqual(routesOf(table), []);
    const endpoints = resourcesOfType('AWS::EC2::VPCEndpoint').filter(([, endpoint]) => mentions(endpoint.Properties!.RouteTableIds ?? [], table));
    assert.deepEqual(endpoints, []);
  });

  test('S3 and DynamoDB are reached through gateway endpoints on both private route tables', () => {
    const privateTables = [1, 2].map((index) => ({ Ref: associatedTable(subnetNamed('Private', index)[0]) }));
    for (const service of ['s3', 'dynamodb']) {
      template.hasResourceProperties('AWS::EC2::VPCEndpoint', {
        VpcEndpointType: 'Gateway',
        ServiceName: { 'Fn::Join': ['', ['com.amazonaws.', { Ref: 'AWS::Region' }, `.${service}`]] },
        RouteTableIds: privateTables,
      });
    }
  });

  test('interface endpoints exist only when the buyer turns them on, in the private subnets', () => {
    const interfaces = resourcesOfType('AWS::EC2::VPCEndpoint').filter(([, endpoint]) => endpoint.Properties!.VpcEndpointType === 'Interface');
    assert.ok(interfaces.length >= 10);
    for (const [, endpoint] of interfaces) {
      assert.equal(endpoint.Condition, 'InterfaceEndpointsEnabled');
      assert.equal(endpoint.Properties!.PrivateDnsEnabled, true);
    }
    assert.equal(workspaceJson.Parameters.EnableInterfaceEndpoints.Default, 'false');
  });

  test('VPC flow logs capture all traffic into an encrypted log group', () => {
    const [, flowLog] = theResource('AWS::EC2::FlowLog');
    assert.equal(flowLog.Properties!.TrafficType, 'ALL');
    assert.equal(flowLog.Properties!.ResourceType, 'VPC');
    const group = workspaceJson.Resources[target(flowLog.Properties!.LogGroupName)];
    assert.ok(group.Properties.KmsKeyId);
  });
});
