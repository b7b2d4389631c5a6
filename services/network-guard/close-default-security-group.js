'use strict';
// CloudFormation custom resource: removes every rule of a VPC's default security group, which
// CloudFormation cannot change because it did not create the group. Inlined into the template (so it
// needs no release file): plain CommonJS, AWS SDK v3 from the Lambda runtime, under 4 KB.
const https = require('https');
const { EC2Client, DescribeSecurityGroupsCommand, RevokeSecurityGroupIngressCommand,
  RevokeSecurityGroupEgressCommand } = require('@aws-sdk/client-ec2');

async function closeDefaultSecurityGroup(ec2, vpcId) {
  const { SecurityGroups = [] } = await ec2.send(new DescribeSecurityGroupsCommand({
    Filters: [{ Name: 'vpc-id', Values: [vpcId] }, { Name: 'group-name', Values: ['default'] }],
  }));
  if (SecurityGroups.length !== 1) throw new Error(`VPC ${vpcId} has ${SecurityGroups.length} default security groups`);
  const group = SecurityGroups[0];
  if (group.IpPermissions.length > 0) {
    await ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: group.GroupId, IpPermissions: group.IpPermissions }));
  }
  if (group.IpPermissionsEgress.length > 0) {
    await ec2.send(new RevokeSecurityGroupEgressCommand({ GroupId: group.GroupId, IpPermissions: group.IpPermissionsEgress }));
  }
  return group.GroupId;
}

function respond(event, status, physicalId, reason) {
  const body = JSON.stringify({
    Status: status, Reason: reason, PhysicalResourceId: physicalId, StackId: event.StackId,
    RequestId: event.RequestId, LogicalResourceId: event.LogicalResourceId,
  });
  const url = new URL(event.ResponseURL);
  const transport = url.protocol === 'http:' ? require('http') : https;
  return new Promise((resolve, reject) => {
    const request = transport.request(url, {
      method: 'PUT', headers: { 'content-type': '', 'content-length': Buffer.byteLength(body) },
    }, (response) => { response.resume(); response.on('end', resolve); });
    request.on('error', reject);
    request.end(body);
  });
}

async function handleEvent(event, ec2) {
  const vpcId = event.ResourceProperties.VpcId;
  const physicalId = event.PhysicalResourceId || `default-security-group-closed-${vpcId}`;
  try {
    // On Delete there is nothing to restore: the VPC goes away or keeps a closed default group.
    if (event.RequestType !== 'Delete') await closeDefaultSecurityGroup(ec2, vpcId);
    await respond(event, 'SUCCESS', physicalId, 'ok');
  } catch (error) {
    console.error(JSON.stringify({ message: 'closing the default security group failed', vpcId, error: String(error) }));
    await respond(event, 'FAILED', physicalId, String(error).slice(0, 500));
  }
}

exports.handleEvent = handleEvent;
exports.handler = (event) => handleEvent(event, new EC2Client({}));
