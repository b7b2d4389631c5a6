import { Aws, Fn, RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { acceptNagFinding } from '../shared/policy-exceptions';
import { Construct, DependencyGroup } from 'constructs';

/** The three subnet tiers of the seed guide, each with one subnet per Availability Zone. */
export type SubnetTier = 'Public' | 'Private' | 'Database';

/** Props of {@link WorkspaceNetwork}. */
export interface WorkspaceNetworkProps {
  /** The VPC's CIDR block (VpcCidr). */
  readonly vpcCidr: string;
  /** Each tier's subnet CIDR blocks, one per Availability Zone in zone order (the <Tier>Subnet<n>Cidr parameters). */
  readonly subnetCidrs: Record<SubnetTier, string[]>;
  /** Encrypts the flow log group. */
  readonly logsKey: kms.IKey;
  /** Days the flow log group keeps events: the LogRetentionDays parameter's value. */
  readonly logRetentionDays: number;
}

/** The Availability Zones used: the first two of the Region, never hard-coded. */
const ZONE_COUNT = 2;
const zone = (index: number) => Fn.select(index, Fn.getAzs());

/**
 * The workspace VPC of the seed guide ("Network Configuration"): public, private and database subnets
 * in two Availability Zones, an internet gateway, one NAT gateway with an Elastic IP per public subnet,
 * the Public, Private (one per zone) and Database route tables, flow logs, and gateway endpoints for
 * S3 and DynamoDB. Written with the L1 resources because every CIDR is a launch parameter, which the
 * L2 `Vpc` cannot take.
 */
export class WorkspaceNetwork extends Construct {
  readonly vpc: ec2.CfnVPC;
  readonly subnets: Record<SubnetTier, ec2.CfnSubnet[]>;
  readonly publicRouteTable: ec2.CfnRouteTable;
  readonly privateRouteTables: ec2.CfnRouteTable[];
  readonly databaseRouteTable: ec2.CfnRouteTable;
  readonly natGateways: ec2.CfnNatGateway[];
  readonly internetGateway: ec2.CfnInternetGateway;
  /** The VPC as an L2 interface, for constructs that place resources in it. */
  readonly vpcReference: ec2.IVpc;
  /** The routes through which the private subnets reach the internet (and AWS APIs) via NAT. */
  readonly privateEgress = new DependencyGroup();

  constructor(scope: Construct, id: string, props: WorkspaceNetworkProps) {
    super(scope, id);
    this.vpc = new ec2.CfnVPC(this, 'Vpc', {
      cidrBlock: props.vpcCidr,
      enableDnsHostnames: true,
      enableDnsSupport: true,
      tags: [{ key: 'Name', value: `${Aws.STACK_NAME}-vpc` }],
    });
    this.subnets = {
      Public: this.tier('Public', props.subnetCidrs.Public),
      Private: this.tier('Private', props.subnetCidrs.Private),
      Database: this.tier('Database', props.subnetCidrs.Database),
    };

    this.internetGateway = new ec2.CfnInternetGateway(this, 'InternetGateway', {
      tags: [{ key: 'Name', value: `${Aws.STACK_NAME}-igw` }],
    });
    const attachment = new ec2.CfnVPCGatewayAttachment(this, 'InternetGatewayAttachment', {
      vpcId: this.vpc.ref,
      internetGatewayId: this.internetGateway.ref,
    });

    this.publicRouteTable = this.routeTable('PublicRouteTable', 'Public-RT', this.subnets.Public);
    const internetRoute = new ec2.CfnRoute(this, 'PublicInternetRoute', {
      routeTableId: this.publicRouteTable.ref,
      destinationCidrBlock: '0.0.0.0/0',
      gatewayId: this.internetGateway.ref,
    });
    internetRoute.addResourceDependency(attachment);

    this.natGateways = this.subnets.Public.map((subnet, index) => {
      const address = new ec2.CfnEIP(this, `NatAddress${index + 1}`, {
        domain: 'vpc',
        tags: [{ key: 'Name', value: `${Aws.STACK_NAME}-nat-${index + 1}` }],
      });
      address.addResourceDependency(attachment);
      return new ec2.CfnNatGateway(this, `NatGateway${index + 1}`, {
        subnetId: subnet.ref,
        allocationId: address.attrAllocationId,
        tags: [{ key: 'Name', value: `${Aws.STACK_NAME}-nat-${index + 1}` }],
      });
    });

    this.privateRouteTables = this.subnets.Private.map((subnet, index) => {
      const table = this.routeTable(`PrivateRouteTable${index + 1}`, `Private-RT-${index + 1}`, [subnet]);
      this.privateEgress.add(new ec2.CfnRoute(this, `PrivateNatRoute${index + 1}`, {
        routeTableId: table.ref,
        destinationCidrBlock: '0.0.0.0/0',
        natGatewayId: this.natGateways[index].ref,
      }));
      return table;
    });
    // Only the implicit local route: the database tier has no path to the internet.
    this.databaseRouteTable = this.routeTable('DatabaseRouteTable', 'Database-RT', this.subnets.Database);

    acceptNagFinding(internetRoute, 'HIPAA.Security-VPCNoUnrestrictedRouteToIGW',
      'Only the public subnets route to the internet gateway, and they hold nothing but the NAT gateways that give the private subnets outbound access; no workload has a public address.');
    acceptNagFinding(this.vpc, 'HIPAA.Security-VPCDefaultSecurityGroupClosed',
      'The default security group is emptied by the Custom::ClosedDefaultSecurityGroup resource (tested against a local EC2 endpoint); cdk-nag cannot see what a custom resource does.');
    this.addGatewayEndpoints();
    this.addFlowLogs(props);
    this.vpcReference = this.asReference();
  }

  /** Subnet IDs of a tier, in zone order. */
  subnetIds(tier: SubnetTier): string[] {
    return this.subnets[tier].map((subnet) => subnet.ref);
  }

  private tier(tier: SubnetTier, cidrs: string[]): ec2.CfnSubnet[] {
    return cidrs.slice(0, ZONE_COUNT).map((cidr, index) => new ec2.CfnSubnet(this, `${tier}Subnet${index + 1}`, {
      vpcId: this.vpc.ref,
      cidrBlock: cidr,
      availabilityZone: zone(index),
      mapPublicIpOnLaunch: false,
      tags: [
        { key: 'Name', value: `${Aws.STACK_NAME}-${tier.toLowerCase()}-${index + 1}` },
        { key: 'Tier', value: tier },
      ],
    }));
  }

  private routeTable(id: string, name: string, subnets: ec2.CfnSubnet[]): ec2.CfnRouteTable {
    const table = new ec2.CfnRouteTable(this, id, {
      vpcId: this.vpc.ref,
      tags: [{ key: 'Name', value: `${Aws.STACK_NAME}-${name}` }],
    });
    subnets.forEach((subnet) => {
      new ec2.CfnSubnetRouteTableAssociation(this, `${subnet.node.id}RouteTableAssociation`, {
        subnetId: subnet.ref,
        routeTableId: table.ref,
      });
    });
    return table;
  }

  /** S3 and DynamoDB are reached from the private tier without NAT charges or internet exposure. */
  private addGatewayEndpoints(): void {
    const routeTableIds = this.privateRouteTables.map((table) => table.ref);
    for (const service of ['s3', 'dynamodb']) {
      new ec2.CfnVPCEndpoint(this, `${service === 's3' ? 'S3' : 'DynamoDb'}GatewayEndpoint`, {
        vpcId: this.vpc.ref,
        serviceName: `com.amazonaws.${Aws.REGION}.${service}`,
        vpcEndpointType: 'Gateway',
        routeTableIds,
      });
    }
  }

  private addFlowLogs(props: WorkspaceNetworkProps): void {
    const logGroup = new logs.CfnLogGroup(this, 'FlowLogGroup', {
      kmsKeyId: props.logsKey.keyArn,
      retentionInDays: props.logRetentionDays,
    });
    logGroup.applyRemovalPolicy(RemovalPolicy.RETAIN);
    const role = new iam.Role(this, 'FlowLogRole', {
      assumedBy: new iam.ServicePrincipal('vpc-flow-logs.amazonaws.com', {
        conditions: {
          StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
          ArnLike: { 'aws:SourceArn': `arn:${Aws.PARTITION}:ec2:${Aws.REGION}:${Aws.ACCOUNT_ID}:vpc-flow-log/*` },
        },
      }),
      description: 'Lets VPC Flow Logs write the workspace VPC flow log group.',
      inlinePolicies: {
        WriteFlowLogGroup: new iam.PolicyDocument({
          statements: [new iam.PolicyStatement({
            actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
            resources: [logGroup.attrArn, `${logGroup.attrArn}:log-stream:*`],
          })],
        }),
      },
    });
    acceptNagFinding(role, 'AwsSolutions-IAM5[Resource::<NetworkFlowLogGroup1F868030.Arn>:log-stream:*]',
      'VPC Flow Logs names its log streams after network interfaces at run time; the grant stays inside the one flow log group.');
    new ec2.CfnFlowLog(this, 'FlowLog', {
      resourceId: this.vpc.ref,
      resourceType: 'VPC',
      trafficType: 'ALL',
      logDestinationType: 'cloud-watch-logs',
      logGroupName: logGroup.ref,
      deliverLogsPermissionArn: role.roleArn,
      maxAggregationInterval: 60,
    });
  }

  private asReference(): ec2.IVpc {
    const zones = [zone(0), zone(1)];
    return ec2.Vpc.fromVpcAttributes(this, 'Reference', {
      vpcId: this.vpc.ref,
      vpcCidrBlock: this.vpc.attrCidrBlock,
      availabilityZones: zones,
      publicSubnetIds: this.subnetIds('Public'),
      publicSubnetRouteTableIds: this.subnets.Public.map(() => this.publicRouteTable.ref),
      privateSubnetIds: this.subnetIds('Private'),
      privateSubnetRouteTableIds: this.privateRouteTables.map((table) => table.ref),
      isolatedSubnetIds: this.subnetIds('Database'),
      isolatedSubnetRouteTableIds: this.subnets.Database.map(() => this.databaseRouteTable.ref),
    });
  }
}
