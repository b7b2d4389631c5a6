import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { resourcesOfType, target, theResource, workspaceJson } from './workspace-template';

const aclNamed = (tier: string) => theResource('AWS::EC2::NetworkAcl', (properties) => properties.Tags[0].Value.endsWith(`${tier}-NACL`))[0];
const ref = (value: any) => (value?.Ref ? value.Ref : value);
const entries = (tier: string, egress: boolean) => resourcesOfType('AWS::EC2::NetworkAclEntry')
  .filter(([, entry]) => target(entry.Properties!.NetworkAclId) === aclNamed(tier) && entry.Properties!.Egress === egress)
  .map(([, entry]) => {
    const p = entry.Properties!;
    const ports = p.PortRange ? `${p.PortRange.From}-${p.PortRange.To}` : 'all';
    return `${p.RuleNumber} ${p.RuleAction} ${p.Protocol === -1 ? 'all' : 'tcp'} ${ports} ${ref(p.CidrBlock)}`;
  })
  .sort((a, b) => Number(a.split(' ')[0]) - Number(b.split(' ')[0]));

describe('network ACLs (seed guide: Network ACLs), stateless in both directions', () => {
  test('public: 443 and 80 in, replies on ephemeral ports in (never RDP\'s 3389), everything out, explicit deny for the rest', () => {
    assert.deepEqual(entries('Public', false), [
      '100 allow tcp 443-443 0.0.0.0/0', '110 allow tcp 80-80 0.0.0.0/0', '120 allow tcp 1024-3388 0.0.0.0/0', '121 allow tcp 3390-65535 0.0.0.0/0',
      '32000 deny all all 0.0.0.0/0',
    ]);
    assert.deepEqual(entries('Public', true), ['100 allow all all 0.0.0.0/0', '32000 deny all all 0.0.0.0/0']);
  });

  test('private: 443 and 80 out, ephemeral ports in (replies), HTTPS in from the VPC for endpoints, ephemeral out within the VPC', () => {
    assert.deepEqual(entries('Private', false), [
      '100 allow tcp 1024-3388 0.0.0.0/0', '101 allow tcp 3390-65535 0.0.0.0/0', '110 allow tcp 443-443 VpcCidr', '32000 deny all all 0.0.0.0/0',
    ]);
    assert.deepEqual(entries('Private', true), [
      '100 allow tcp 443-443 0.0.0.0/0', '110 allow tcp 80-80 0.0.0.0/0', '120 allow tcp 1024-65535 VpcCidr', '32000 deny all all 0.0.0.0/0',
    ]);
  });

  test('database: 27017 in from each private subnet only, replies back to them only, nothing else', () => {
    assert.deepEqual(entries('Database', false), [
      '100 allow tcp 27017-27017 PrivateSubnet1Cidr', '110 allow tcp 27017-27017 PrivateSubnet2Cidr', '32000 deny all all 0.0.0.0/0',
    ]);
    assert.deepEqual(entries('Database', true), [
      '100 allow tcp 1024-65535 PrivateSubnet1Cidr', '110 allow tcp 1024-65535 PrivateSubnet2Cidr', '32000 deny all all 0.0.0.0/0',
    ]);
  });

  test('no entry admits SSH (22) or RDP (3389) from the internet', () => {
    for (const [, entry] of resourcesOfType('AWS::EC2::NetworkAclEntry')) {
      const p = entry.Properties!;
      if (p.Egress || p.RuleAction !== 'allow' || p.CidrBlock !== '0.0.0.0/0') continue;
      for (const port of [22, 3389]) assert.ok(!(p.PortRange.From <= port && port <= p.PortRange.To), `rule ${p.RuleNumber} admits ${port}`);
    }
  });

  test('every subnet is associated with the ACL of its tier', () => {
    for (const tier of ['Public', 'Private', 'Database']) {
      for (const index of [1, 2]) {
        const [subnetId] = theResource('AWS::EC2::Subnet', (properties) => JSON.stringify(properties.CidrBlock).includes(`${tier}Subnet${index}Cidr`));
        const [, association] = theResource('AWS::EC2::SubnetNetworkAclAssociation', (properties) => target(properties.SubnetId) === subnetId);
        assert.equal(target(association.Properties!.NetworkAclId), aclNamed(tier));
      }
    }
    assert.equal(Object.values(workspaceJson.Resources).filter((resource: any) => resource.Type === 'AWS::EC2::SubnetNetworkAclAssociation').length, 6);
  });
});
