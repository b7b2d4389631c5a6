import { CloudFormationTemplate, launchValue, referencedId, references, resourcesOf, TemplateResource } from './cloudformation';

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

/** Where a component sits in the picture. */
export type Placement =
  | { readonly area: 'entry' | 'vpc' | 'regional' }
  | { readonly area: 'subnets'; readonly subnetIds: readonly string[] };

/** One thing the diagram shows: a service (or a gateway), with its AWS icon. */
export interface Component {
  /** Unique within the architecture; also the base of its node IDs. */
  readonly key: string;
  /** Path of the icon inside the `aws-icons` package, without `.svg`. */
  readonly icon: string;
  readonly title: string;
  /** Smaller lines under the title: what this workspace uses it for. */
  readonly details: readonly string[];
  /** Whether every resource behind it carries a Condition, i.e. a launch parameter can leave it out. */
  readonly optional: boolean;
  readonly placement: Placement;
}

/** A connection worth drawing, between two components (by key). */
export interface Flow {
  readonly from: string;
  readonly to: string;
}

/** A subnet's default route (0.0.0.0/0) and the gateway component it leads to. */
export interface DefaultRoute {
  readonly subnetId: string;
  readonly gateway: string;
}

/** What the architecture diagram shows, read from a workspace template. */
export interface WorkspaceArchitecture {
  /** The product and version, from the template's Description (the part before the first colon). */
  readonly title: string;
  /** The Regions a `Rules` assertion allows the stack in; empty when the template does not restrict them. */
  readonly regions: readonly string[];
  readonly vpcCidr: string;
  /** Sorted by zone, then tier. */
  readonly subnets: readonly Subnet[];
  readonly components: readonly Component[];
  readonly flows: readonly Flow[];
  readonly defaultRoutes: readonly DefaultRoute[];
}

/** Reads the architecture from a synthesized workspace template. */
export function readArchitecture(template: CloudFormationTemplate): WorkspaceArchitecture {
  if (typeof template?.Resources !== 'object' || template.Resources === null) {
    throw new Error('diagram: the template has no Resources section; pass a synthesized CloudFormation template');
  }
  const vpcs = resourcesOf(template, 'AWS::EC2::VPC');
  if (vpcs.length !== 1) throw new Error(`diagram: the template must have exactly one AWS::EC2::VPC, found ${vpcs.length}`);
  const components = [...entryComponents(template), ...networkComponents(template), ...workloadComponents(template), ...regionalComponents(template)];
  return {
    title: titleOf(template),
    regions: allowedRegions(template),
    vpcCidr: launchValue(template, vpcs[0][1].Properties?.CidrBlock, `${vpcs[0][0]}.CidrBlock`),
    subnets: readSubnets(template),
    components,
    flows: readFlows(template, components),
    defaultRoutes: readDefaultRoutes(template),
  };
}

function titleOf(template: CloudFormationTemplate): string {
  const description = typeof template.Description === 'string' ? template.Description.split(':')[0].trim() : '';
  return description === '' ? 'Architecture' : `${description}: architecture`;
}

/** The Regions of a rule asserting `Fn::Contains [[...], Ref AWS::Region]`. */
function allowedRegions(template: CloudFormationTemplate): string[] {
  for (const rule of Object.values(template.Rules ?? {})) {
    for (const assertion of rule.Assertions ?? []) {
      const contains = assertion.Assert?.['Fn::Contains'];
      if (Array.isArray(contains) && contains[1]?.Ref === 'AWS::Region' && Array.isArray(contains[0])) return contains[0].map(String);
    }
  }
  return [];
}

function readSubnets(template: CloudFormationTemplate): Subnet[] {
  const subnets = resourcesOf(template, 'AWS::EC2::Subnet').map(([logicalId, subnet]) => ({
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

function optional(resources: [string, TemplateResource][]): boolean {
  return resources.every(([, resource]) => resource.Condition !== undefined);
}

function counted(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function entryComponents(template: CloudFormationTemplate): Component[] {
  const components: Component[] = [];
  const apis = resourcesOf(template, 'AWS::ApiGateway::RestApi');
  if (apis.length > 0) {
    components.push({ key: 'api', icon: 'architecture-service/AmazonAPIGateway', title: 'API Gateway', details: ['REST API'], optional: optional(apis), placement: { area: 'entry' } });
  }
  const pools = resourcesOf(template, 'AWS::Cognito::UserPool', 'AWS::Cognito::IdentityPool');
  if (pools.length > 0) {
    components.push({ key: 'sign-in', icon: 'architecture-service/AmazonCognito', title: 'Amazon Cognito', details: ['user + identity pools'], optional: optional(pools), placement: { area: 'entry' } });
  }
  return components;
}

function networkComponents(template: CloudFormationTemplate): Component[] {
  const components: Component[] = resourcesOf(template, 'AWS::EC2::InternetGateway').map(([logicalId, gateway]) => ({
    key: logicalId, icon: 'resource/AmazonVPCInternetGateway', title: 'Internet gateway', details: [], optional: optional([[logicalId, gateway]]), placement: { area: 'vpc' },
  }));
  for (const [logicalId, nat] of resourcesOf(template, 'AWS::EC2::NatGateway')) {
    const subnetId = referencedId(nat.Properties?.SubnetId);
    if (subnetId === undefined) throw new Error(`diagram: NAT gateway ${logicalId} must reference its subnet with Ref`);
    components.push({ key: logicalId, icon: 'resource/AmazonVPCNATGateway', title: 'NAT gateway', details: [], optional: optional([[logicalId, nat]]), placement: { area: 'subnets', subnetIds: [subnetId] } });
  }
  return components;
}

function workloadComponents(template: CloudFormationTemplate): Component[] {
  return [...functionComponents(template), ...containerComponents(template), ...documentDbComponents(template)];
}

/** Lambda functions of the workspace; those that only back a custom resource are deployment plumbing. */
function functionComponents(template: CloudFormationTemplate): Component[] {
  const customResources = Object.values(template.Resources).filter((resource) => resource.Type.startsWith('Custom::') || resource.Type === 'AWS::CloudFormation::CustomResource');
  return resourcesOf(template, 'AWS::Lambda::Function')
    .filter(([logicalId]) => !customResources.some((custom) => references(custom.Properties?.ServiceToken, logicalId)))
    .map(([logicalId, lambda]) => ({
      key: logicalId,
      icon: 'architecture-service/AWSLambda',
      title: 'AWS Lambda',
      details: [readableName(logicalId, 'Function')],
      optional: optional([[logicalId, lambda]]),
      placement: subnetsOr(lambda.Properties?.VpcConfig?.SubnetIds),
    }));
}

function containerComponents(template: CloudFormationTemplate): Component[] {
  return resourcesOf(template, 'AWS::ECS::Service').map(([logicalId, service]) => {
    const taskDefinition = template.Resources[referencedId(service.Properties?.TaskDefinition) ?? ''];
    const containers: string[] = (taskDefinition?.Properties?.ContainerDefinitions ?? []).map((container: { Name: string }) => container.Name.replace(/-/g, ' '));
    return {
      key: logicalId,
      icon: 'architecture-service/AWSFargate',
      title: 'ECS on Fargate',
      details: containers,
      optional: optional([[logicalId, service]]),
      placement: subnetsOr(service.Properties?.NetworkConfiguration?.AwsvpcConfiguration?.Subnets),
    };
  });
}

function documentDbComponents(template: CloudFormationTemplate): Component[] {
  return resourcesOf(template, 'AWS::DocDB::DBCluster').map(([logicalId, cluster]) => {
    const subnetGroup = template.Resources[referencedId(cluster.Properties?.DBSubnetGroupName) ?? ''];
    return {
      key: logicalId,
      icon: 'architecture-service/AmazonDocumentDB',
      title: 'Amazon DocumentDB',
      details: ['cluster instances'],
      optional: optional([[logicalId, cluster]]),
      placement: subnetsOr(subnetGroup?.Properties?.SubnetIds),
    };
  });
}

function subnetsOr(subnetIds: unknown): Placement {
  const ids = Array.isArray(subnetIds) ? subnetIds.map(referencedId).filter((id): id is string => id !== undefined) : [];
  return ids.length > 0 ? { area: 'subnets', subnetIds: ids } : { area: 'regional' };
}

/** "ApiHandlerFunction73BB96D1" -> "API handler": the construct's name without CDK's hash and suffix. */
export function readableName(logicalId: string, suffix: string): string {
  const words = logicalId.replace(/[0-9A-F]{8}$/, '').replace(new RegExp(`${suffix}$`), '').split(/(?<=[a-z])(?=[A-Z])/);
  return words.map((word, index) => (word === 'Api' ? 'API' : index === 0 ? word : word.toLowerCase())).join(' ');
}

/** Services outside the VPC, each shown when the template has any of its resource types. */
const REGIONAL_SERVICES: { key: string; icon: string; title: string; types: string[]; detail: (count: number, template: CloudFormationTemplate) => string }[] = [
  { key: 'table', icon: 'architecture-service/AmazonDynamoDB', title: 'Amazon DynamoDB', types: ['AWS::DynamoDB::Table'], detail: (n) => counted(n, 'table') },
  { key: 'buckets', icon: 'architecture-service/AmazonSimpleStorageService', title: 'Amazon S3', types: ['AWS::S3::Bucket'], detail: (n) => counted(n, 'bucket') },
  { key: 'keys', icon: 'architecture-service/AWSKeyManagementService', title: 'AWS KMS', types: ['AWS::KMS::Key'], detail: (n) => counted(n, 'customer key') },
  { key: 'secrets', icon: 'architecture-service/AWSSecretsManager', title: 'Secrets Manager', types: ['AWS::SecretsManager::Secret'], detail: (n) => counted(n, 'secret') },
  { key: 'monitoring', icon: 'architecture-service/AmazonCloudWatch', title: 'Amazon CloudWatch', types: ['AWS::Logs::LogGroup', 'AWS::CloudWatch::Alarm', 'AWS::CloudWatch::Dashboard'], detail: (_, template) => monitoringDetail(template) },
  { key: 'notifications', icon: 'architecture-service/AmazonSimpleNotificationService', title: 'Amazon SNS', types: ['AWS::SNS::Topic'], detail: () => 'alarm notifications' },
  { key: 'schedules', icon: 'architecture-service/AmazonEventBridge', title: 'Amazon EventBridge', types: ['AWS::Events::Rule'], detail: (_, template) => scheduleDetail(template) },
  { key: 'audit-trail', icon: 'architecture-service/AWSCloudTrail', title: 'AWS CloudTrail', types: ['AWS::CloudTrail::Trail'], detail: () => 'audit trail' },
];

function regionalComponents(template: CloudFormationTemplate): Component[] {
  const components: Component[] = [];
  for (const service of REGIONAL_SERVICES) {
    const resources = resourcesOf(template, ...service.types);
    if (resources.length === 0) continue;
    const details = [service.detail(resources.length, template)];
    components.push({ key: service.key, icon: service.icon, title: service.title, details, optional: optional(resources), placement: { area: 'regional' } });
  }
  const bedrock = bedrockPolicies(template);
  if (bedrock.length > 0) {
    components.push({ key: 'bedrock', icon: 'architecture-service/AmazonBedrock', title: 'Amazon Bedrock', details: ['listed models only'], optional: optional(bedrock), placement: { area: 'regional' } });
  }
  return components;
}

function monitoringDetail(template: CloudFormationTemplate): string {
  const parts: [string, string][] = [['AWS::Logs::LogGroup', 'logs'], ['AWS::CloudWatch::Alarm', 'alarms'], ['AWS::CloudWatch::Dashboard', 'dashboard']];
  return parts.filter(([type]) => resourcesOf(template, type).length > 0).map(([, part]) => part).join(', ');
}

function scheduleDetail(template: CloudFormationTemplate): string {
  const expressions = resourcesOf(template, 'AWS::Events::Rule').map(([, rule]) => rule.Properties?.ScheduleExpression).filter((value) => typeof value === 'string');
  return expressions.length === 1 ? scheduleWords(expressions[0]) : counted(expressions.length, 'schedule');
}

/** "rate(1 minute)" -> "runs every minute"; other expressions as written. */
function scheduleWords(expression: string): string {
  const rate = /^rate\((\d+) (minute|hour|day)s?\)$/.exec(expression);
  if (!rate) return expression;
  return rate[1] === '1' ? `runs every ${rate[2]}` : `runs every ${rate[1]} ${rate[2]}s`;
}

/** IAM policies that grant Bedrock actions: the template reaches Bedrock only through them. */
function bedrockPolicies(template: CloudFormationTemplate): [string, TemplateResource][] {
  return resourcesOf(template, 'AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy').filter(([, policy]) => JSON.stringify(policy.Properties?.PolicyDocument ?? {}).includes('"bedrock:'));
}

/** Flows: what the API and the schedule invoke, and which containers use which database cluster. */
function readFlows(template: CloudFormationTemplate, components: Component[]): Flow[] {
  const flows: Flow[] = [];
  const keys = new Set(components.map((component) => component.key));
  const functions = components.filter((component) => component.icon === 'architecture-service/AWSLambda');
  if (keys.has('api')) {
    const methods = resourcesOf(template, 'AWS::ApiGateway::Method');
    for (const lambda of functions) {
      if (methods.some(([, method]) => references(method.Properties?.Integration, lambda.key))) flows.push({ from: 'api', to: lambda.key });
    }
  }
  if (keys.has('schedules')) {
    const rules = resourcesOf(template, 'AWS::Events::Rule');
    for (const lambda of functions) {
      if (rules.some(([, rule]) => references(rule.Properties?.Targets, lambda.key))) flows.push({ from: 'schedules', to: lambda.key });
    }
  }
  const documentDb = components.filter((component) => component.icon === 'architecture-service/AmazonDocumentDB');
  for (const service of components.filter((component) => component.icon === 'architecture-service/AWSFargate')) {
    const taskDefinition = referencedId(template.Resources[service.key]?.Properties?.TaskDefinition) ?? '';
    for (const cluster of documentDb) {
      if (references(template.Resources[taskDefinition], cluster.key)) flows.push({ from: service.key, to: cluster.key });
    }
  }
  return flows;
}

function readDefaultRoutes(template: CloudFormationTemplate): DefaultRoute[] {
  const routes = resourcesOf(template, 'AWS::EC2::Route').filter(([, route]) => route.Properties?.DestinationCidrBlock === '0.0.0.0/0');
  return resourcesOf(template, 'AWS::EC2::SubnetRouteTableAssociation').flatMap(([, association]) => {
    const subnetId = referencedId(association.Properties?.SubnetId);
    const table = referencedId(association.Properties?.RouteTableId);
    const route = routes.find(([, candidate]) => referencedId(candidate.Properties?.RouteTableId) === table);
    const gateway = referencedId(route?.[1].Properties?.NatGatewayId) ?? referencedId(route?.[1].Properties?.GatewayId);
    return subnetId !== undefined && gateway !== undefined ? [{ subnetId, gateway }] : [];
  });
}
