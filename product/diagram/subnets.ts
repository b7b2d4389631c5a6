import { CloudFormationTemplate, referenceTarget, resourcesOfType, TemplateResource } from '../cloudformation';

/** The tiers a subnet's `Tier` tag names. */
export const SUBNET_TIERS = ['public', 'private', 'database'] as const;
export type SubnetTier = (typeof SUBNET_TIERS)[number];

/** A subnet of the VPC, placed by tier and by the index of its Availability Zone. */
export interface Subnet {
  readonly logicalId: string;
  readonly tier: SubnetTier;
  /** Zero-based index into `Fn::GetAZs`. */
  readonly zone: number;
  /** The CIDR block at launch (the parameter's default). */
  readonly cidr: string;
}

/** A subnet's default route (0.0.0.0/0) and the gateway component it leads to. */
export interface DefaultRoute {
  readonly subnetId: string;
  readonly gateway: string;
}

/**
 * A string property as the buyer sees it at launch: a literal as is, a parameter reference as the
 * parameter's default (the launch wizard's pre-filled value).
 */
export function launchValue(template: CloudFormationTemplate, value: unknown, field: string): string {
  if (typeof value === 'string') return value;
  const parameter = referenceTarget(value);
  const fallback = parameter === undefined ? undefined : template.Parameters?.[parameter]?.Default;
  if (typeof fallback === 'string') return fallback;
  throw new Error(`diagram: ${field} must be a string or a reference to a parameter with a default, got ${JSON.stringify(value)}`);
}

/** The subnets of the template, sorted by zone, then tier. */
export function readSubnets(template: CloudFormationTemplate): Subnet[] {
  const subnets = resourcesOfType(template, 'AWS::EC2::Subnet').map(([logicalId, subnet]) => ({
    logicalId,
    tier: tierOf(logicalId, subnet),
    zone: zoneOf(logicalId, subnet),
    cidr: launchValue(template, subnet.Properties?.CidrBlock, `${logicalId}.CidrBlock`),
  }));
  return subnets.sort((a, b) => a.zone - b.zone || SUBNET_TIERS.indexOf(a.tier) - SUBNET_TIERS.indexOf(b.tier));
}

function tierOf(logicalId: string, subnet: TemplateResource): SubnetTier {
  const tags: { Key: string; Value: unknown }[] = subnet.Properties?.Tags ?? [];
  const tier = String(tags.find((tag) => tag.Key === 'Tier')?.Value ?? '').toLowerCase();
  if ((SUBNET_TIERS as readonly string[]).includes(tier)) return tier as SubnetTier;
  throw new Error(`diagram: subnet ${logicalId} needs a Tier tag of Public, Private or Database, got '${tier}'`);
}

function zoneOf(logicalId: string, subnet: TemplateResource): number {
  const select = subnet.Properties?.AvailabilityZone?.['Fn::Select'];
  if (Array.isArray(select) && Number.isInteger(Number(select[0])) && select[1]?.['Fn::GetAZs'] !== undefined) return Number(select[0]);
  throw new Error(`diagram: subnet ${logicalId} must take its AvailabilityZone from {"Fn::Select": [N, {"Fn::GetAZs": ""}]}`);
}

/** The default route (0.0.0.0/0) of each subnet that has one, through its route table. */
export function readDefaultRoutes(template: CloudFormationTemplate): DefaultRoute[] {
  const routes = resourcesOfType(template, 'AWS::EC2::Route').filter(([, route]) => route.Properties?.DestinationCidrBlock === '0.0.0.0/0');
  return resourcesOfType(template, 'AWS::EC2::SubnetRouteTableAssociation').flatMap(([, association]) => {
    const subnetId = referenceTarget(association.Properties?.SubnetId);
    const table = referenceTarget(association.Properties?.RouteTableId);
    const route = routes.find(([, candidate]) => referenceTarget(candidate.Properties?.RouteTableId) === table);
    const gateway = referenceTarget(route?.[1].Properties?.NatGatewayId) ?? referenceTarget(route?.[1].Properties?.GatewayId);
    return subnetId !== undefined && gateway !== undefined ? [{ subnetId, gateway }] : [];
  });
}
