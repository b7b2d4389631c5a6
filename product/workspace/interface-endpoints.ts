import { Aws, CfnCondition } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';

/**
 * The AWS APIs the workspace's functions and tasks call, as `com.amazonaws.<region>.<service>` names.
 * S3 and DynamoDB are reached through free gateway endpoints instead (see WorkspaceNetwork).
 */
export const INTERFACE_ENDPOINT_SERVICES = [
  'secretsmanager', 'logs', 'monitoring', 'ecr.api', 'ecr.dkr', 'sts', 'kms', 'sqs', 'sns', 'xray',
  'metering.marketplace', 'bedrock-runtime',
];

/** Props of {@link WorkspaceInterfaceEndpoints}. */
export interface WorkspaceInterfaceEndpointsProps {
  /** The condition the endpoints exist under (InterfaceEndpointsEnabled). */
  readonly condition: CfnCondition;
  readonly vpcId: string;
  readonly subnetIds: string[];
  readonly securityGroup: ec2.ISecurityGroup;
}

/**
 * Optional interface endpoints (they are billed per hour, so the buyer chooses): with them the
 * workspace's AWS API calls stay inside the VPC instead of leaving through the NAT gateways.
 */
export class WorkspaceInterfaceEndpoints extends Construct {
  readonly endpoints: ec2.CfnVPCEndpoint[];

  constructor(scope: Construct, id: string, props: WorkspaceInterfaceEndpointsProps) {
    super(scope, id);
    this.endpoints = INTERFACE_ENDPOINT_SERVICES.map((service) => {
      const endpointId = service.split(/[.-]/).map((part) => part[0].toUpperCase() + part.slice(1)).join('');
      const endpoint = new ec2.CfnVPCEndpoint(this, endpointId, {
        vpcId: props.vpcId,
        serviceName: `com.amazonaws.${Aws.REGION}.${service}`,
        vpcEndpointType: 'Interface',
        privateDnsEnabled: true,
        subnetIds: props.subnetIds,
        securityGroupIds: [props.securityGroup.securityGroupId],
      });
      endpoint.cfnOptions.condition = props.condition;
      return endpoint;
    });
  }
}
