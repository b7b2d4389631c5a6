import { CfnParameter } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { LaunchWizard } from '../../shared/launch-wizard';
import { SubnetTier } from '../network';
import { WizardGroup } from './wizard-group';

const CIDR_PATTERN =
  '^(([0-9]|[1-9][0-9]|1[0-9]{2}|2[0-4][0-9]|25[0-5])\\.){3}([0-9]|[1-9][0-9]|1[0-9]{2}|2[0-4][0-9]|25[0-5])/(1[6-9]|2[0-8])$';
const CIDR_CONSTRAINT = 'must be an IPv4 CIDR block with a prefix from /16 to /28, for example 10.0.1.0/24';

/** The default subnet CIDR blocks of each tier, one per Availability Zone, in zone order. */
const SUBNET_DEFAULTS: Record<SubnetTier, string[]> = {
  Public: ['10.0.1.0/24', '10.0.2.0/24'],
  Private: ['10.0.10.0/24', '10.0.20.0/24'],
  Database: ['10.0.30.0/24', '10.0.40.0/24'],
};
const ZONE_ORDINALS = ['first', 'second'];

/** The launch wizard's "Network" group: the VPC's and the subnets' CIDR blocks, and the optional interface endpoints. */
export class NetworkParameters {
  /** `VpcCidr`. */
  readonly vpcCidr: CfnParameter;
  /** `<Tier>Subnet<n>Cidr`: each tier's subnet CIDR blocks, one per Availability Zone, in zone order. */
  readonly subnetCidrs: Record<SubnetTier, CfnParameter[]>;
  /** `EnableInterfaceEndpoints`: true keeps AWS API calls inside the VPC through interface endpoints. */
  readonly enableInterfaceEndpoints: CfnParameter;

  constructor(scope: Construct, wizard: LaunchWizard) {
    const group = new WizardGroup(wizard, scope, 'Network');
    const cidr = (id: string, label: string, value: string) => group.parameter(id, {
      label, type: 'String', default: value, allowedPattern: CIDR_PATTERN, constraintDescription: CIDR_CONSTRAINT,
      description: `${label}. Default ${value}.`,
    });
    this.vpcCidr = cidr('VpcCidr', 'VPC CIDR block', '10.0.0.0/16');
    const subnets = (tier: SubnetTier) => SUBNET_DEFAULTS[tier].map((value, index) =>
      cidr(`${tier}Subnet${index + 1}Cidr`, `${tier} subnet CIDR in the ${ZONE_ORDINALS[index]} Availability Zone`, value));
    this.subnetCidrs = { Public: subnets('Public'), Private: subnets('Private'), Database: subnets('Database') };
    this.enableInterfaceEndpoints = group.flag('EnableInterfaceEndpoints',
      'Private interface endpoints for AWS APIs (optional, billed per hour)', 'false',
      'true keeps calls to Secrets Manager, CloudWatch, ECR, STS, KMS, SQS, X-Ray and Marketplace Metering inside the VPC through interface endpoints (billed per endpoint-hour); false sends them through the NAT gateways.');
  }
}
