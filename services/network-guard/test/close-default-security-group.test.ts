import { CreateVpcCommand, DescribeSecurityGroupsCommand, EC2Client } from '@aws-sdk/client-ec2';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { LOCAL_CREDENTIALS, LocalAws, startLocalAws } from '../../../qa/local-aws/moto-server';
import { ResponseCollector, startResponseCollector } from '../../../qa/local-aws/response-collector';
import { ClosureRequest, handleEvent } from '../close-default-security-group';

describe('closing the default security group', () => {
  let aws: LocalAws;
  let ec2: EC2Client;
  let collector: ResponseCollector;

  before(async () => {
    aws = await startLocalAws();
    ec2 = new EC2Client({ endpoint: aws.endpoint, region: 'us-east-1', credentials: LOCAL_CREDENTIALS });
    collector = await startResponseCollector();
  });
  after(async () => {
    collector.server.close();
    await aws.stop();
  });

  const newVpc = async () => (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).Vpc!.VpcId!;
  const defaultGroup = async (vpcId: string) => (await ec2.send(new DescribeSecurityGroupsCommand({
    Filters: [{ Name: 'vpc-id', Values: [vpcId] }, { Name: 'group-name', Values: ['default'] }],
  }))).SecurityGroups![0];
  const request = (type: ClosureRequest['RequestType'], vpcId: string): ClosureRequest => ({
    RequestType: type, ResponseURL: collector.url, StackId: 'stack', RequestId: `${type}-${vpcId}`,
    LogicalResourceId: 'Closure', ResourceProperties: { VpcId: vpcId },
  });

  test('when the stack is created, then the default group keeps no inbound or outbound rule and CloudFormation hears SUCCESS', async () => {
    const vpcId = await newVpc();
    const before = await defaultGroup(vpcId);
    assert.ok(before.IpPermissions!.length + before.IpPermissionsEgress!.length > 0, 'a new default group has rules to remove');

    await handleEvent(request('Create', vpcId), ec2);

    const afterClosing = await defaultGroup(vpcId);
    assert.deepEqual(afterClosing.IpPermissions, []);
    assert.deepEqual(afterClosing.IpPermissionsEgress, []);
    const response = collector.responses.find((candidate) => candidate.RequestId === `Create-${vpcId}`)!;
    assert.equal(response.Status, 'SUCCESS');
    assert.equal(response.PhysicalResourceId, `default-security-group-closed-${vpcId}`);
  });

  test('when the group is already closed, then an update succeeds without changes', async () => {
    const vpcId = await newVpc();
    await handleEvent(request('Create', vpcId), ec2);
    await handleEvent(request('Update', vpcId), ec2);
    const response = collector.responses.find((candidate) => candidate.RequestId === `Update-${vpcId}`)!;
    assert.equal(response.Status, 'SUCCESS');
  });

  test('when the stack is deleted, then the rules are left as they are and CloudFormation hears SUCCESS', async () => {
    const vpcId = await newVpc();
    await handleEvent(request('Delete', vpcId), ec2);
    const group = await defaultGroup(vpcId);
    assert.ok(group.IpPermissionsEgress!.length > 0);
    assert.equal(collector.responses.find((candidate) => candidate.RequestId === `Delete-${vpcId}`)!.Status, 'SUCCESS');
  });

  test('when the VPC does not exist, then CloudFormation hears FAILED with the reason', async () => {
    await handleEvent(request('Create', 'vpc-00000000'), ec2);
    const response = collector.responses.find((candidate) => candidate.RequestId === 'Create-vpc-00000000')!;
    assert.equal(response.Status, 'FAILED');
    assert.match(response.Reason, /vpc-00000000 has 0 default security groups/);
  });
});
