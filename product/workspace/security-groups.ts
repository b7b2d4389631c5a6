import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';

/** The port DocumentDB listens on. */
export const DOCUMENTDB_PORT = 27017;

/** Props of {@link WorkspaceSecurityGroups}. */
export interface WorkspaceSecurityGroupsProps {
  readonly vpc: ec2.IVpc;
}

/**
 * One security group per tier (seed guide, "Security Groups"), each admitting only what it must. The
 * seed's ALB tier becomes the API tier: the public entry point is API Gateway, a regional service
 * outside the VPC that invokes the API handler through the Lambda service, so neither the API tier nor
 * the app tier needs any inbound rule, which is tighter than the seed's 443 from 0.0.0.0/0 and 443 from
 * the ALB. The database tier admits DocumentDB's port 27017 (the seed's 443 cannot reach DocumentDB)
 * from the app tier only, and sends nothing.
 */
export class WorkspaceSecurityGroups extends Construct {
  /** The API handler function, which API Gateway invokes through the Lambda service. */
  readonly api: ec2.SecurityGroup;
  /** The workflow executor function and the engine tasks on ECS Fargate. */
  readonly app: ec2.SecurityGroup;
  /** The DocumentDB cluster. */
  readonly database: ec2.SecurityGroup;
  /** The interface VPC endpoints for AWS APIs. */
  readonly endpoints: ec2.SecurityGroup;

  constructor(scope: Construct, id: string, props: WorkspaceSecurityGroupsProps) {
    super(scope, id);
    const group = (groupId: string, description: string) => new ec2.SecurityGroup(this, groupId, {
      vpc: props.vpc, description, allowAllOutbound: false,
    });
    this.api = group('ApiTier', 'Workspace API tier: the API handler function. No inbound; HTTPS out.');
    this.app = group('AppTier', 'Workspace app tier: workflow executor and engine tasks. No inbound.');
    this.database = group('DatabaseTier', 'Workspace database tier: DocumentDB, reachable from the app tier only.');
    this.endpoints = group('EndpointTier', 'Interface endpoints for AWS APIs, reachable from the workspace tiers.');

    const anywhere = ec2.Peer.anyIpv4();
    const https = ec2.Port.tcp(443);
    this.api.addEgressRule(anywhere, https, 'AWS APIs and integrations over HTTPS');
    this.app.addEgressRule(anywhere, https, 'AWS APIs and integrations over HTTPS');
    this.app.connections.allowTo(this.database, ec2.Port.tcp(DOCUMENTDB_PORT), 'DocumentDB over TLS');
    this.endpoints.connections.allowFrom(this.api, https, 'AWS API calls from the API tier');
    this.endpoints.connections.allowFrom(this.app, https, 'AWS API calls from the app tier');
  }
}
