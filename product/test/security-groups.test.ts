import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { resourcesOfType, target, theResource, workspaceJson } from './workspace-template';

const group = (description: RegExp) => theResource('AWS::EC2::SecurityGroup', (properties) => description.test(properties.GroupDescription))[0];
const api = group(/API tier/);
const app = group(/app tier: workflow/);
const database = group(/database tier/);
const endpoints = group(/Interface endpoints/);

const ingressOf = (groupId: string) => [
  ...(workspaceJson.Resources[groupId].Properties.SecurityGroupIngress ?? []),
  ...resourcesOfType('AWS::EC2::SecurityGroupIngress').filter(([, rule]) => target(rule.Properties!.GroupId) === groupId).map(([, rule]) => rule.Properties),
];
const egressOf = (groupId: string) => [
  ...(workspaceJson.Resources[groupId].Properties.SecurityGroupEgress ?? []),
  ...resourcesOfType('AWS::EC2::SecurityGroupEgress').filter(([, rule]) => target(rule.Properties!.GroupId) === groupId).map(([, rule]) => rule.Properties),
];
const summary = (rules: any[], peer: 'SourceSecurityGroupId' | 'DestinationSecurityGroupId') => rules.map((rule) =>
  `${rule.IpProtocol}/${rule.FromPort}-${rule.ToPort} ${rule.CidrIp ?? (rule[peer] ? target(rule[peer]) : '?')}`).sort();

describe('security groups (seed guide: Security Groups)', () => {
  test('the API tier accepts nothing and sends only HTTPS', () => {
    assert.deepEqual(ingressOf(api), []);
    assert.deepEqual(summary(egressOf(api), 'DestinationSecurityGroupId'), ['tcp/443-443 0.0.0.0/0', `tcp/443-443 ${endpoints}`].sort());
  });

  test('the app tier accepts nothing: the engine takes its work from the table', () => {
    assert.deepEqual(ingressOf(app), []);
  });

  test('the app tier sends HTTPS out and DocumentDB traffic to the database tier only', () => {
    assert.deepEqual(summary(egressOf(app), 'DestinationSecurityGroupId'),
      ['tcp/443-443 0.0.0.0/0', `tcp/443-443 ${endpoints}`, `tcp/27017-27017 ${database}`].sort());
  });

  test('the database tier admits 27017 from the app tier only and sends nothing', () => {
    assert.deepEqual(summary(ingressOf(database), 'SourceSecurityGroupId'), [`tcp/27017-27017 ${app}`]);
    // CDK's marker for "no egress": a rule that matches no traffic replaces the default allow-all.
    assert.deepEqual(egressOf(database).map((rule) => rule.CidrIp), ['255.255.255.255/32']);
  });

  test('the endpoint tier admits HTTPS from the API and app tiers only', () => {
    assert.deepEqual(summary(ingressOf(endpoints), 'SourceSecurityGroupId'), [`tcp/443-443 ${api}`, `tcp/443-443 ${app}`].sort());
  });

  test('no security group admits SSH, RDP or any port from the internet', () => {
    for (const [, rule] of [...resourcesOfType('AWS::EC2::SecurityGroupIngress')]) {
      assert.equal(rule.Properties!.CidrIp, undefined);
    }
    for (const [, sg] of resourcesOfType('AWS::EC2::SecurityGroup')) assert.equal(sg.Properties!.SecurityGroupIngress, undefined);
  });

  test('the VPC default security group is closed by a custom resource scoped to this VPC', () => {
    const [, closure] = theResource('Custom::ClosedDefaultSecurityGroup');
    const [vpcId] = theResource('AWS::EC2::VPC');
    assert.deepEqual(closure.Properties!.VpcId, { Ref: vpcId });
    const [, policy] = theResource('AWS::IAM::Policy', (properties) => JSON.stringify(properties).includes('ec2:RevokeSecurityGroupIngress'));
    const revoke = policy.Properties!.PolicyDocument.Statement.find((statement: any) => [statement.Action].flat().includes('ec2:RevokeSecurityGroupIngress'));
    assert.deepEqual(revoke.Action, ['ec2:RevokeSecurityGroupEgress', 'ec2:RevokeSecurityGroupIngress']);
    assert.ok(JSON.stringify(revoke.Condition.ArnEquals['ec2:Vpc']).includes(`{"Ref":"${vpcId}"}`));
    assert.ok(JSON.stringify(revoke.Resource).endsWith(':security-group/*"]]}'));
  });
});
