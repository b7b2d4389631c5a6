import { asList, CloudFormationTemplate, referencedIds, referenceTarget, resourcesOfType, TemplateResource } from '../../product/cloudformation';
import { identityPolicyStatements } from '../lib/policy-statements';
import { describeValue } from './values';

/** One of the seed guide's security tables, regenerated from the template. */
export interface SecurityTable {
  readonly title: string;
  readonly note: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

const mentions = (resource: TemplateResource, id: string) => JSON.stringify(resource.Properties ?? {}).includes(`"${id}"`);
const when = (resource: TemplateResource) => resource.Condition ? `when ${resource.Condition}` : 'always';
const tag = (template: CloudFormationTemplate, resource: TemplateResource, key: string) =>
  describeValue(template, asList(resource.Properties?.Tags).find((t: any) => t?.Key === key)?.Value);

function keysTable(template: CloudFormationTemplate): SecurityTable {
  const aliases = resourcesOfType(template, 'AWS::KMS::Alias');
  const rows = resourcesOfType(template, 'AWS::KMS::Key').map(([id, key]) => {
    const alias = aliases.find(([, a]) => referenceTarget(a.Properties?.TargetKeyId) === id);
    const users = Object.entries(template.Resources).filter(([, r]) => r.Type !== 'AWS::KMS::Alias' && mentions(r, id)).map(([user]) => user);
    return [id, describeValue(template, alias?.[1].Properties?.AliasName), describeValue(template, key.Properties?.Description),
      users.join(', '), key.Properties?.EnableKeyRotation === true ? 'yearly, automatic' : 'off', key.DeletionPolicy ?? 'Delete', 'the stack\'s Region'];
  });
  return { title: 'Encryption keys: purpose and location', note: 'Every customer-managed KMS key the template creates, the resources that use it, its rotation and what happens to it when the stack is deleted.',
    columns: ['Key', 'Alias', 'Purpose', 'Used by', 'Rotation', 'On stack deletion', 'Location'], rows };
}

function encryptionOf(template: CloudFormationTemplate, resource: TemplateResource): string {
  const p = resource.Properties ?? {};
  const key = (value: unknown) => referenceTarget(value) ?? describeValue(template, value);
  switch (resource.Type) {
    case 'AWS::DynamoDB::Table': return p.SSESpecification?.SSEEnabled ? `SSE-KMS, key ${key(p.SSESpecification.KMSMasterKeyId)}` : 'AWS owned key';
    case 'AWS::DocDB::DBCluster': return p.StorageEncrypted ? `storage encrypted, key ${key(p.KmsKeyId)}` : 'not encrypted';
    case 'AWS::S3::Bucket': {
      const rule = asList(p.BucketEncryption?.ServerSideEncryptionConfiguration)[0] as any;
      const algorithm = rule?.ServerSideEncryptionByDefault?.SSEAlgorithm;
      return algorithm === 'aws:kms' ? `SSE-KMS, key ${key(rule.ServerSideEncryptionByDefault.KMSMasterKeyID)}` : algorithm === 'AES256' ? 'SSE-S3 (AES-256)' : 'not set';
    }
    case 'AWS::SNS::Topic': case 'AWS::SQS::Queue': return p.KmsMasterKeyId ? `SSE-KMS, key ${key(p.KmsMasterKeyId)}` : 'not set';
    case 'AWS::Events::Archive': return p.KmsKeyIdentifier ? `KMS, key ${key(p.KmsKeyIdentifier)}` : 'AWS owned key (EventBridge default)';
    case 'AWS::Backup::BackupVault': return p.EncryptionKeyArn ? `KMS, key ${key(p.EncryptionKeyArn)}` : 'AWS Backup default key';
    default: return p.KmsKeyId ? `SSE-KMS, key ${key(p.KmsKeyId)}` : 'service default';
  }
}

function placementOf(template: CloudFormationTemplate, resource: TemplateResource): string {
  if (resource.Type !== 'AWS::DocDB::DBCluster') return 'regional AWS service, reached from the VPC';
  const group = template.Resources[referenceTarget(resource.Properties?.DBSubnetGroupName) ?? ''];
  return `subnets ${asList(group?.Properties?.SubnetIds).map((s) => referenceTarget(s)).join(', ')}`;
}

function dataStoresTable(template: CloudFormationTemplate): SecurityTable {
  const types = ['AWS::DynamoDB::Table', 'AWS::DocDB::DBCluster', 'AWS::S3::Bucket', 'AWS::SecretsManager::Secret', 'AWS::Logs::LogGroup', 'AWS::SNS::Topic', 'AWS::SQS::Queue', 'AWS::Events::Archive',
    'AWS::Backup::BackupVault'];
  const rows = types.flatMap((type) => resourcesOfType(template, type)).map(([id, resource]) => [
    id, resource.Type.split('::').slice(1).join(' '), describeValue(template, resource.Properties?.Description),
    placementOf(template, resource), encryptionOf(template, resource), resource.DeletionPolicy ?? 'Delete', when(resource)]);
  return { title: 'Data stores and encryption at rest', note: 'Every resource of the template that stores data, where it lives and how it is encrypted.',
    columns: ['Store', 'Service', 'Description', 'Placement', 'Encryption at rest', 'On stack deletion', 'Created'], rows };
}

function transitTable(template: CloudFormationTemplate): SecurityTable {
  const rows: string[][] = [];
  for (const [id, api] of resourcesOfType(template, 'AWS::ApiGateway::RestApi')) {
    rows.push(['Users to the API', id, `HTTPS only, security policy ${describeValue(template, api.Properties?.SecurityPolicy)}`, 'certificate of the AWS-managed execute-api endpoint']);
  }
  for (const [id, distribution] of resourcesOfType(template, 'AWS::CloudFront::Distribution')) {
    const config = distribution.Properties?.DistributionConfig ?? {};
    rows.push(['Users to the web console', id, `viewer protocol policy ${config.DefaultCacheBehavior?.ViewerProtocolPolicy}`, viewerCertificate(config.ViewerCertificate)]);
    if ((config.Origins ?? []).some((origin: { OriginAccessControlId?: unknown }) => origin.OriginAccessControlId)) {
      rows.push(['Web console to its bucket', id, 'HTTPS, every request signed with SigV4 (origin access control)', 'AWS-managed certificates']);
    }
  }
  for (const [id, method] of resourcesOfType(template, 'AWS::ApiGateway::Method').filter(([, m]) => m.Properties?.Integration?.Type === 'AWS_PROXY').slice(0, 1)) {
    rows.push(['API to the API handler function', id, 'Lambda invocation over HTTPS, signed with the role in Integration.Credentials', `role ${referenceTarget(method.Properties?.Integration?.Credentials)}`]);
  }
  for (const [id, cluster] of resourcesOfType(template, 'AWS::DocDB::DBCluster')) {
    const group = template.Resources[referenceTarget(cluster.Properties?.DBClusterParameterGroupName) ?? ''];
    rows.push(['Engine to DocumentDB', id, `TLS ${group?.Properties?.Parameters?.tls === 'enabled' ? 'required' : 'not required'} (parameter group tls = ${group?.Properties?.Parameters?.tls ?? '-'})`, 'Amazon RDS certificate authority bundle']);
  }
  for (const [id, policy] of resourcesOfType(template, 'AWS::S3::BucketPolicy')) {
    const tls = JSON.stringify(policy.Properties?.PolicyDocument).includes('aws:SecureTransport');
    rows.push(['Functions, engine and users to S3', `${referenceTarget(policy.Properties?.Bucket)} (${id})`, tls ? 'HTTPS only: the bucket policy denies requests without TLS' : 'HTTP allowed', 'AWS-managed certificates']);
  }
  for (const [id] of resourcesOfType(template, 'AWS::DynamoDB::Table')) {
    rows.push(['Functions and engine to DynamoDB', id, 'HTTPS (AWS SDK), through the VPC gateway endpoint', 'AWS-managed certificates']);
  }
  for (const [id, subscription] of resourcesOfType(template, 'AWS::SNS::Subscription')) {
    rows.push(['Notifications to subscribers', id, `protocol ${describeValue(template, subscription.Properties?.Protocol)}`, subscription.Properties?.Protocol === 'https' ? 'the endpoint\'s certificate' : 'Amazon SES e-mail']);
  }
  return { title: 'Encryption in transit', note: 'Each communication path the template configures and how it is protected.',
    columns: ['Path', 'Resource', 'Protocol', 'Certificates and keys'], rows };
}

/** A distribution's viewer certificate, which a launch condition may choose. */
function viewerCertificate(certificate: any): string {
  const one = (value: any) => (value?.CloudFrontDefaultCertificate
    ? 'CloudFront\'s *.cloudfront.net certificate (its security policy cannot be set)'
    : `ACM certificate ${JSON.stringify(value?.AcmCertificateArn)}, ${value?.SslSupportMethod}, minimum ${value?.MinimumProtocolVersion}`);
  const [condition, chosen, otherwise] = certificate?.['Fn::If'] ?? [];
  return condition ? `when ${condition}: ${one(chosen)}; otherwise ${one(otherwise)}` : one(certificate);
}

function subnetsTable(template: CloudFormationTemplate): SecurityTable {
  const vpcs = resourcesOfType(template, 'AWS::EC2::VPC').map(([id, vpc]) => [id, 'VPC', describeValue(template, vpc.Properties?.CidrBlock), '-', '-']);
  const subnets = resourcesOfType(template, 'AWS::EC2::Subnet').map(([id, subnet]) => [id, tag(template, subnet, 'Tier'),
    describeValue(template, subnet.Properties?.CidrBlock), describeValue(template, subnet.Properties?.AvailabilityZone), subnet.Properties?.MapPublicIpOnLaunch ? 'yes' : 'no']);
  return { title: 'Network: VPC and subnets', note: 'CIDR blocks are parameters; the defaults are shown.',
    columns: ['Resource', 'Tier', 'CIDR block', 'Availability Zone', 'Public IP on launch'], rows: [...vpcs, ...subnets] };
}

function routesTable(template: CloudFormationTemplate): SecurityTable {
  const associations = resourcesOfType(template, 'AWS::EC2::SubnetRouteTableAssociation');
  const routes = resourcesOfType(template, 'AWS::EC2::Route');
  const rows = resourcesOfType(template, 'AWS::EC2::RouteTable').map(([id]) => {
    const subnets = associations.filter(([, a]) => referenceTarget(a.Properties?.RouteTableId) === id).map(([, a]) => referenceTarget(a.Properties?.SubnetId));
    const targets = routes.filter(([, r]) => referenceTarget(r.Properties?.RouteTableId) === id).map(([, r]) => {
      const target = r.Properties?.GatewayId ?? r.Properties?.NatGatewayId ?? r.Properties?.VpcEndpointId ?? r.Properties?.TransitGatewayId;
      return `${r.Properties?.DestinationCidrBlock ?? r.Properties?.DestinationIpv6CidrBlock} -> ${referenceTarget(target)}`;
    });
    return [id, subnets.join(', '), ['VPC CIDR -> local', ...targets].join('; ')];
  });
  return { title: 'Network: route tables', note: 'Gateway endpoints for S3 and DynamoDB add prefix-list routes to the private and database route tables.',
    columns: ['Route table', 'Associated subnets', 'Routes'], rows };
}

function ruleText(template: CloudFormationTemplate, rule: any, direction: 'from' | 'to'): string {
  // CDK's stand-in egress rule when a group may send nothing: ICMP type 252 code 86 to 255.255.255.255/32.
  if (rule.CidrIp === '255.255.255.255/32' && rule.FromPort === 252) return 'nothing (a rule that matches no traffic)';
  const ports = rule.FromPort === undefined || rule.IpProtocol === '-1' ? 'all' : rule.FromPort === rule.ToPort ? `${rule.FromPort}` : `${rule.FromPort}-${rule.ToPort}`;
  const peer = rule.CidrIp ?? rule.CidrIpv6 ?? referenceTarget(rule.SourceSecurityGroupId ?? rule.DestinationSecurityGroupId) ?? describeValue(template, rule.DestinationPrefixListId);
  return `${rule.IpProtocol === '-1' ? 'all traffic' : `${rule.IpProtocol} ${ports}`} ${direction} ${describeValue(template, peer)}`;
}

function securityGroupsTable(template: CloudFormationTemplate): SecurityTable {
  const separate = (type: string, id: string) => resourcesOfType(template, type).filter(([, r]) => referenceTarget(r.Properties?.GroupId) === id).map(([, r]) => r.Properties);
  const rows = resourcesOfType(template, 'AWS::EC2::SecurityGroup').map(([id, group]) => {
    const ingress = [...asList(group.Properties?.SecurityGroupIngress), ...separate('AWS::EC2::SecurityGroupIngress', id)].map((r) => ruleText(template, r, 'from'));
    const egress = [...asList(group.Properties?.SecurityGroupEgress), ...separate('AWS::EC2::SecurityGroupEgress', id)].map((r) => ruleText(template, r, 'to'));
    return [id, describeValue(template, group.Properties?.GroupDescription), ingress.join('; ') || 'none', egress.join('; ') || 'none', when(group)];
  });
  return { title: 'Network: security groups', note: 'Inbound and outbound rules of every security group, including rules declared as separate resources.',
    columns: ['Security group', 'Purpose', 'Inbound', 'Outbound', 'Created'], rows };
}

/** Every copy of data the template makes outside its Region: AWS Backup's copy actions, with what they copy and where. */
function copiesTable(template: CloudFormationTemplate): SecurityTable {
  const selections = resourcesOfType(template, 'AWS::Backup::BackupSelection');
  const rows = resourcesOfType(template, 'AWS::Backup::BackupPlan').flatMap(([id, plan]) => {
    const selected = selections.filter(([, selection]) => referenceTarget(selection.Properties?.BackupPlanId) === id)
      .flatMap(([, selection]) => asList(selection.Properties?.BackupSelection?.Resources).map((resource) => referencedIdsText(resource)));
    return asList(plan.Properties?.BackupPlan?.BackupPlanRule).flatMap((rule: any) => asList(rule.CopyActions).map((copy: any) => [
      id, selected.join(', '), describeValue(template, rule.ScheduleExpression), describeValue(template, copy.DestinationBackupVaultArn),
      describeValue(template, copy.Lifecycle?.DeleteAfterDays), when(plan)]));
  });
  return { title: 'Copies outside the Region', note: rows.length > 0
    ? 'Every copy the template makes of data in another Region: nothing else leaves the Region the stack runs in.'
    : 'None: the template copies no data to another Region.',
  columns: ['Backup plan', 'Copies', 'Schedule', 'To', 'Kept (days)', 'Created'], rows };
}

/** The template's resources a value names (an ARN built from a reference), for a table cell. */
function referencedIdsText(value: unknown): string {
  return referencedIds(value).filter((id) => !id.startsWith('AWS::')).join(', ');
}

const PROTOCOLS: Record<number, string> = { 1: 'icmp', 6: 'tcp', 17: 'udp' };

function networkAclsTable(template: CloudFormationTemplate): SecurityTable {
  const entries = resourcesOfType(template, 'AWS::EC2::NetworkAclEntry');
  const associations = resourcesOfType(template, 'AWS::EC2::SubnetNetworkAclAssociation');
  const rows = resourcesOfType(template, 'AWS::EC2::NetworkAcl').map(([id]) => {
    const subnets = associations.filter(([, a]) => referenceTarget(a.Properties?.NetworkAclId) === id).map(([, a]) => referenceTarget(a.Properties?.SubnetId));
    const rules = entries.filter(([, e]) => referenceTarget(e.Properties?.NetworkAclId) === id).map(([, e]) => e.Properties ?? {})
      .sort((a, b) => Number(a.Egress) - Number(b.Egress) || a.RuleNumber - b.RuleNumber)
      .map((e) => `${e.Egress ? 'out' : 'in'} ${e.RuleNumber} ${e.RuleAction} ${e.Protocol === -1 ? 'all' : `${PROTOCOLS[e.Protocol] ?? e.Protocol} ${e.PortRange ? `${e.PortRange.From}-${e.PortRange.To}` : ''}`.trim()} ${describeValue(template, e.CidrBlock)}`);
    return [id, subnets.join(', '), rules.join('; ')];
  });
  return { title: 'Network: network ACLs', note: 'Network ACLs are stateless: every allowed flow has its return path; anything not listed is denied.',
    columns: ['Network ACL', 'Subnets', 'Entries (direction, number, action, protocol, ports, CIDR)'], rows };
}

function rolesTable(template: CloudFormationTemplate): SecurityTable {
  const statements = identityPolicyStatements(template);
  const policies = resourcesOfType(template, 'AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy');
  const rows = resourcesOfType(template, 'AWS::IAM::Role').map(([id, role]) => {
    const attached = policies.filter(([, p]) => asList(p.Properties?.Roles).some((r) => referenceTarget(r) === id)).map(([policy]) => policy);
    const allowed = statements.filter((s) => (s.resource === id || attached.includes(s.resource)) && s.statement.Effect === 'Allow');
    const actions = [...new Set(allowed.flatMap((s) => asList(s.statement.Action).map(String)))].sort();
    const trusted = asList(role.Properties?.AssumeRolePolicyDocument?.Statement).map((s: any) => describeValue(template, s?.Principal?.Service ?? s?.Principal?.Federated ?? s?.Principal)).join(', ');
    const managed = asList(role.Properties?.ManagedPolicyArns).map((arn) => describeValue(template, arn));
    return [id, describeValue(template, role.Properties?.Description), trusted, [...actions, ...managed].join(', ') || 'none', attached.join(', ') || '-', when(role)];
  });
  return { title: 'IAM roles and their permissions', note: 'Every role the template creates, who can assume it, and every action its policies allow (resources are scoped in each policy; see the template).',
    columns: ['Role', 'Description', 'Trusted by', 'Allowed actions', 'Attached policies', 'Created'], rows };
}

/** The seed guide's security tables (keys, data stores, copies outside the Region, transit, network, roles), computed from a template. */
export function securityTables(template: CloudFormationTemplate): SecurityTable[] {
  return [keysTable(template), dataStoresTable(template), copiesTable(template), transitTable(template), subnetsTable(template),
    routesTable(template), securityGroupsTable(template), networkAclsTable(template), rolesTable(template)];
}
