import { allConditional, CloudFormationTemplate, referencesResource, referenceTarget, resourcesOfType, TemplateResource } from '../cloudformation';
import { DetailPart, detailLines } from './detail-lines';
import { readableName } from './readable-name';
import { REGIONAL_SERVICES } from './regional-services';
import { endpointsComponent } from './vpc-endpoints';
import type { Component, Placement } from './component';

/** The services and gateways the diagram shows, each placed in the VPC, its subnets, or the Region. */
export function readComponents(template: CloudFormationTemplate): Component[] {
  return [...entryComponents(template), ...networkComponents(template), ...workloadComponents(template), ...regionalComponents(template)];
}

function entryComponents(template: CloudFormationTemplate): Component[] {
  const components: Component[] = [];
  const distributions = resourcesOfType(template, 'AWS::CloudFront::Distribution');
  if (distributions.length > 0) {
    components.push({ key: 'console', icon: 'architecture-service/AmazonCloudFront', title: 'Amazon CloudFront', details: ['web console'], optional: allConditional(distributions), placement: { area: 'entry' } });
  }
  const apis = resourcesOfType(template, 'AWS::ApiGateway::RestApi');
  if (apis.length > 0) {
    components.push({ key: 'api', icon: 'architecture-service/AmazonAPIGateway', title: 'API Gateway', details: ['REST API'], optional: allConditional(apis), placement: { area: 'entry' } });
  }
  const pools = resourcesOfType(template, 'AWS::Cognito::UserPool', 'AWS::Cognito::IdentityPool');
  if (pools.length > 0) {
    components.push({ key: 'sign-in', icon: 'architecture-service/AmazonCognito', title: 'Amazon Cognito', details: ['user + identity pools'], optional: allConditional(pools), placement: { area: 'entry' } });
  }
  return [...components, ...firewallComponents(template, apis)];
}

/** The WAF web ACLs, each in front of the API whose stage it is associated with (or regional when none is). */
function firewallComponents(template: CloudFormationTemplate, apis: [string, TemplateResource][]): Component[] {
  const associations = resourcesOfType(template, 'AWS::WAFv2::WebACLAssociation');
  return resourcesOfType(template, 'AWS::WAFv2::WebACL').map(([logicalId, acl]) => {
    const own = associations.filter(([, association]) => referencesResource(association.Properties?.WebACLArn, logicalId));
    const guarded = apis.length > 0 && own.some(([, association]) => apis.some(([apiId]) => referencesResource(association.Properties?.ResourceArn, apiId)));
    return {
      key: logicalId,
      icon: 'architecture-service/AWSWAF',
      title: 'AWS WAF',
      details: ['web ACL'],
      optional: allConditional([[logicalId, acl], ...own]),
      placement: guarded ? { area: 'guard', guards: 'api' } : { area: 'regional' },
    };
  });
}

function networkComponents(template: CloudFormationTemplate): Component[] {
  const components: Component[] = resourcesOfType(template, 'AWS::EC2::InternetGateway').map(([logicalId, gateway]) => ({
    key: logicalId, icon: 'resource/AmazonVPCInternetGateway', title: 'Internet gateway', details: [], optional: allConditional([[logicalId, gateway]]), placement: { area: 'vpc' },
  }));
  for (const [logicalId, nat] of resourcesOfType(template, 'AWS::EC2::NatGateway')) {
    const subnetId = referenceTarget(nat.Properties?.SubnetId);
    if (subnetId === undefined) throw new Error(`diagram: NAT gateway ${logicalId} must reference its subnet with Ref`);
    components.push({ key: logicalId, icon: 'resource/AmazonVPCNATGateway', title: 'NAT gateway', details: [], optional: allConditional([[logicalId, nat]]), placement: { area: 'subnets', subnetIds: [subnetId] } });
  }
  return [...components, ...endpointsComponent(template)];
}

function workloadComponents(template: CloudFormationTemplate): Component[] {
  return [...functionComponents(template), ...containerComponents(template), ...documentDbComponents(template)];
}

/**
 * The Lambda functions of the workspace, one component per set of subnets, a line per function; those
 * that only back a custom resource are deployment plumbing and left out.
 */
function functionComponents(template: CloudFormationTemplate): Component[] {
  const customResources = Object.values(template.Resources).filter((resource) => resource.Type.startsWith('Custom::') || resource.Type === 'AWS::CloudFormation::CustomResource');
  const functions = resourcesOfType(template, 'AWS::Lambda::Function').filter(([logicalId]) => !customResources.some((custom) => referencesResource(custom.Properties?.ServiceToken, logicalId)));
  const placements = [...new Set(functions.map(([, lambda]) => JSON.stringify(subnetsOr(lambda.Properties?.VpcConfig?.SubnetIds))))];
  return placements.map((placement) => {
    const members = functions.filter(([, lambda]) => JSON.stringify(subnetsOr(lambda.Properties?.VpcConfig?.SubnetIds)) === placement);
    const optional = allConditional(members);
    const parts = members.map((member) => ({ text: readableName(member[0], 'Function'), resources: [member] }));
    return { key: members[0][0], icon: 'architecture-service/AWSLambda', title: 'AWS Lambda', details: detailLines(parts, optional), optional, placement: JSON.parse(placement), members: members.map(([logicalId]) => logicalId) };
  });
}

/**
 * The ECS services on Fargate, one component per cluster: a line per service (marked optional when a
 * launch parameter can leave it out), then the containers every service of the cluster runs beside
 * its own, such as a sidecar.
 */
function containerComponents(template: CloudFormationTemplate): Component[] {
  const services = resourcesOfType(template, 'AWS::ECS::Service');
  const clusters = [...new Set(services.map(([logicalId, service]) => referenceTarget(service.Properties?.Cluster) ?? logicalId))];
  return clusters.map((cluster) => {
    const members = services.filter(([logicalId, service]) => (referenceTarget(service.Properties?.Cluster) ?? logicalId) === cluster);
    const optional = allConditional(members);
    const parts: DetailPart[] = [...members.map((member) => ({ text: readableName(member[0], 'Service'), resources: [member] })), ...sharedContainers(template, members)];
    return {
      key: cluster,
      icon: 'architecture-service/AWSFargate',
      title: 'ECS on Fargate',
      details: detailLines(parts, optional),
      optional,
      placement: subnetsOr(members.flatMap(([, service]) => service.Properties?.NetworkConfiguration?.AwsvpcConfiguration?.Subnets ?? [])),
      members: members.map(([logicalId]) => logicalId),
    };
  });
}

/** "+ metering sidecar": the containers in every service's task, other than those named after a service. */
function sharedContainers(template: CloudFormationTemplate, services: [string, TemplateResource][]): DetailPart[] {
  const names = services.map(([logicalId]) => readableName(logicalId, 'Service').toLowerCase());
  const containersOf = ([, service]: [string, TemplateResource]): string[] =>
    (template.Resources[referenceTarget(service.Properties?.TaskDefinition) ?? '']?.Properties?.ContainerDefinitions ?? []).map((container: { Name: string }) => container.Name.replace(/-/g, ' '));
  const shared = containersOf(services[0]).filter((container) => !names.includes(container) && services.every((service) => containersOf(service).includes(container)));
  return shared.map((container) => ({ text: `+ ${container}` }));
}

function documentDbComponents(template: CloudFormationTemplate): Component[] {
  return resourcesOfType(template, 'AWS::DocDB::DBCluster').map(([logicalId, cluster]) => {
    const subnetGroup = template.Resources[referenceTarget(cluster.Properties?.DBSubnetGroupName) ?? ''];
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
  const ids = Array.isArray(subnetIds) ? subnetIds.map(referenceTarget).filter((id): id is string => id !== undefined) : [];
  return ids.length > 0 ? { area: 'subnets', subnetIds: [...new Set(ids)] } : { area: 'regional' };
}

function regionalComponents(template: CloudFormationTemplate): Component[] {
  const components: Component[] = [];
  for (const service of REGIONAL_SERVICES) {
    const resources = resourcesOfType(template, ...service.types);
    if (resources.length === 0) continue;
    const optional = allConditional(resources);
    components.push({ key: service.key, icon: service.icon, title: service.title, details: detailLines(service.details(template), optional), optional, placement: { area: 'regional' } });
  }
  return [...components, ...bedrockComponent(template)];
}

/** Bedrock, reached through the policies that grant its actions, and the guardrail that screens the calls. */
function bedrockComponent(template: CloudFormationTemplate): Component[] {
  const policies = bedrockPolicies(template);
  const guardrails = resourcesOfType(template, 'AWS::Bedrock::Guardrail');
  if (policies.length === 0 && guardrails.length === 0) return [];
  const optional = allConditional([...policies, ...guardrails]);
  const parts: DetailPart[] = [...(policies.length > 0 ? [{ text: 'listed models only', resources: policies }] : []), ...(guardrails.length > 0 ? [{ text: 'guardrail', resources: guardrails }] : [])];
  return [{ key: 'bedrock', icon: 'architecture-service/AmazonBedrock', title: 'Amazon Bedrock', details: detailLines(parts, optional), optional, placement: { area: 'regional' } }];
}

/** IAM policies that grant Bedrock actions: the template reaches Bedrock only through them. */
function bedrockPolicies(template: CloudFormationTemplate): [string, TemplateResource][] {
  return resourcesOfType(template, 'AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy').filter(([, policy]) => JSON.stringify(policy.Properties?.PolicyDocument ?? {}).includes('"bedrock:'));
}
