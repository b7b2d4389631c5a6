import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { acceptNagFinding } from '../shared/policy-exceptions';
import { Construct } from 'constructs';
import { SubnetTier, WorkspaceNetwork } from './network';

/** One network ACL entry; `egress` false means inbound. */
interface AclRule {
  readonly number: number;
  readonly egress: boolean;
  readonly cidr: string;
  /** TCP port range; omitted means every protocol and port. */
  readonly ports?: [number, number];
  readonly action?: 'allow' | 'deny';
}

const ANYWHERE = '0.0.0.0/0';
const EPHEMERAL: [number, number] = [1024, 65535];
// Replies from anywhere arrive on ephemeral ports; the range is split around RDP's 3389 so that no
// entry admits 22 or 3389 from the internet (AWS Control Tower CT.EC2.PR.5).
const EPHEMERAL_BELOW_RDP: [number, number] = [1024, 3388];
const EPHEMERAL_ABOVE_RDP: [number, number] = [3390, 65535];
const HTTPS: [number, number] = [443, 443];
const HTTP: [number, number] = [80, 80];
const DOCUMENTDB: [number, number] = [27017, 27017];
const TCP = 6;
/** An explicit deny just before the implicit one, as the seed guide asks ("Explicit DENY for all other traffic"). */
const DENY_REST = 32000;

/** Props of {@link WorkspaceNetworkAcls}. */
export interface WorkspaceNetworkAclsProps {
  readonly network: WorkspaceNetwork;
  /** The VPC's CIDR block (VpcCidr), from which the private tier admits HTTPS and ephemeral ports. */
  readonly vpcCidr: string;
  /** The private subnets' CIDR blocks, the only ones the database tier admits. */
  readonly privateSubnetCidrs: string[];
}

/**
 * Network ACLs per tier (seed guide, "Network ACLs"). ACLs are stateless, so every allowed flow has its
 * return path: replies to connections the tier opens come back on ephemeral ports, and replies to
 * connections it accepts leave on them.
 */
export class WorkspaceNetworkAcls extends Construct {
  readonly acls: Record<SubnetTier, ec2.CfnNetworkAcl>;

  constructor(scope: Construct, id: string, props: WorkspaceNetworkAclsProps) {
    super(scope, id);
    const { vpcCidr, privateSubnetCidrs } = props;
    const rules: Record<SubnetTier, AclRule[]> = {
      // NAT gateways: HTTP(S) in from the private tier (the seed admits it from anywhere), replies from
      // the internet on ephemeral ports, everything out.
      Public: [
        { number: 100, egress: false, cidr: ANYWHERE, ports: HTTPS },
        { number: 110, egress: false, cidr: ANYWHERE, ports: HTTP },
        { number: 120, egress: false, cidr: ANYWHERE, ports: EPHEMERAL_BELOW_RDP },
        { number: 121, egress: false, cidr: ANYWHERE, ports: EPHEMERAL_ABOVE_RDP },
        { number: 100, egress: true, cidr: ANYWHERE },
      ],
      // Functions and engine tasks: HTTP(S) out, replies in on ephemeral ports (which also carry the
      // engine port and DocumentDB replies), HTTPS in from the VPC for the interface endpoints, and
      // ephemeral ports out within the VPC for DocumentDB, the engine port and replies.
      Private: [
        { number: 100, egress: false, cidr: ANYWHERE, ports: EPHEMERAL_BELOW_RDP },
        { number: 101, egress: false, cidr: ANYWHERE, ports: EPHEMERAL_ABOVE_RDP },
        { number: 110, egress: false, cidr: vpcCidr, ports: HTTPS },
        { number: 100, egress: true, cidr: ANYWHERE, ports: HTTPS },
        { number: 110, egress: true, cidr: ANYWHERE, ports: HTTP },
        { number: 120, egress: true, cidr: vpcCidr, ports: EPHEMERAL },
      ],
      // DocumentDB: 27017 in from the private subnets only, replies back to them only.
      Database: privateSubnetCidrs.flatMap((cidr, index) => [
        { number: 100 + index * 10, egress: false, cidr, ports: DOCUMENTDB },
        { number: 100 + index * 10, egress: true, cidr, ports: EPHEMERAL },
      ]),
    };
    acceptNagFinding(this, 'AwsSolutions-VPC3',
      'The seed guide requires network ACLs as a stateless second layer under the security groups; each entry is tested, and both layers must allow a flow.');
    this.acls = {
      Public: this.acl('Public', props.network, rules.Public),
      Private: this.acl('Private', props.network, rules.Private),
      Database: this.acl('Database', props.network, rules.Database),
    };
  }

  private acl(tier: SubnetTier, network: WorkspaceNetwork, rules: AclRule[]): ec2.CfnNetworkAcl {
    const acl = new ec2.CfnNetworkAcl(this, `${tier}Acl`, {
      vpcId: network.vpc.ref,
      tags: [{ key: 'Name', value: `${tier}-NACL` }],
    });
    const denyRest: AclRule[] = [
      { number: DENY_REST, egress: false, cidr: ANYWHERE, action: 'deny' },
      { number: DENY_REST, egress: true, cidr: ANYWHERE, action: 'deny' },
    ];
    for (const rule of [...rules, ...denyRest]) {
      const direction = rule.egress ? 'Out' : 'In';
      new ec2.CfnNetworkAclEntry(this, `${tier}${direction}${rule.number}`, {
        networkAclId: acl.ref,
        ruleNumber: rule.number,
        egress: rule.egress,
        cidrBlock: rule.cidr,
        ruleAction: rule.action ?? 'allow',
        protocol: rule.ports ? TCP : -1,
        portRange: rule.ports ? { from: rule.ports[0], to: rule.ports[1] } : undefined,
      });
    }
    network.subnets[tier].forEach((subnet, index) => {
      new ec2.CfnSubnetNetworkAclAssociation(this, `${tier}Subnet${index + 1}Association`, {
        subnetId: subnet.ref,
        networkAclId: acl.ref,
      });
    });
    return acl;
  }
}
