import { allConditional, CloudFormationTemplate, referencedId, references, resourcesOf, TemplateResource } from './cloudformation';
import { REGIONAL_SERVICES } from './regional-services';
import { endpointsComponent } from './vpc-endpoints';

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

/** The services and gateways the diagram shows, each placed in the VPC, its subnets, or the Region. */
export function readComponents(template: CloudFormationTemplate): Component[] {
  return [...entryComponents(template), ...networkComponents(template), ...workloadComponents(template), ...regionalComponents(template)];
}

function entryComponents(template: CloudFormationTemplate): Component[] {
  const components: Component[] = [];
  const apis = resourcesOf(template, 'AWS::ApiGateway::RestApi');
  if (apis.length > 0) {
    components.push({ key: 'api', icon: 'architecture-service/AmazonAPIGateway', title: 'API Gateway', details: ['REST API'], optional: allConditional(apis), placement: { area: 'entry' } });
  }
  const pools = resourcesOf(template, 'AWS::Cognito::UserPool', 'AWS::Cognito::IdentityPool');
  if (pools.length > 0) {
    components.push({ key: 'sign-in', icon: 'architecture-service/AmazonCognito', title: 'Amazon Cognito', details: ['user + identity pools'], optional: allConditional(pools), placement: { area: 'entry' } });
  }
  return components;
}

function networkComponents(template: CloudFormationTemplate): Component[] {
  const components: Component[] = resourcesOf(template, 'AWS::EC2::InternetGateway').map(([logicalId, gateway]) => ({
    key: logicalId, icon: 'resource/AmazonVPCInternetGateway', title: 'Internet gateway', details: [], optional: allConditional([[logicalId, gateway]]), placement: { area: 'vpc' },
  }));
  for (const [logicalId, nat] of resourcesOf(template, 'AWS::EC2::NatGateway')) {
    const subnetId = referencedId(nat.Properties?.SubnetId);
    if (subnetId === undefined) throw new Error(`diagram: NAT gateway ${logicalId} must reference its subnet with Ref`);
    components.push({ key: logicalId, icon: 'resource/AmazonVPCNATGateway', title: 'NAT gateway', details: [], optional: allConditional([[logicalId, nat]]), placement: { area: 'subnets', subnetIds: [subnetId] } });
  }
  return [...components, ...endpointsComponent(template)];
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
      optional: allConditional([[logicalId, lambda]]),
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
      optional: allConditional([[logicalId, service]]),
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
      optional: allConditional([[logicalId, cluster]]),
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

function regionalComponents(template: CloudFormationTemplate): Component[] {
  const components: Component[] = [];
  for (const service of REGIONAL_SERVICES) {
    const resources = resourcesOf(template, ...service.types);
    if (resources.length === 0) continue;
    const details = [service.detail(resources.length, template)];
    components.push({ key: service.key, icon: service.icon, title: service.title, details, optional: allConditional(resources), placement: { area: 'regional' } });
  }
  const bedrock = bedrockPolicies(template);
  if (bedrock.length > 0) {
    components.push({ key: 'bedrock', icon: 'architecture-service/AmazonBedrock', title: 'Amazon Bedrock', details: ['listed models only'], optional: allConditional(bedrock), placement: { area: 'regional' } });
  }
  return components;
}

/** IAM policies that grant Bedrock actions: the template reaches Bedrock only through them. */
function bedrockPolicies(template: CloudFormationTemplate): [string, TemplateResource][] {
  return resourcesOf(template, 'AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy').filter(([, policy]) => JSON.stringify(policy.Properties?.PolicyDocument ?? {}).includes('"bedrock:'));
}
