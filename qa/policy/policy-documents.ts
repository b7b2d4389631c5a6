import { CloudFormationTemplate, conditionHolds, readTemplate, resolveValue, StackLaunch } from '../../product/cloudformation';

/** One policy document of a template, resolved for a launch: what IAM or the service would store. */
export interface ResolvedPolicy {
  /** `<template file>: <logical ID>[/<inline policy name>] (<launch>)`. */
  readonly name: string;
  /** The logical ID of the resource that holds the policy. */
  readonly resource: string;
  readonly document: Record<string, unknown>;
}

const ACCOUNT = '123456789012';
const REGION = 'us-east-1';

/**
 * What a resource's `Ref` and attributes resolve to, by type, for the types the templates' policies
 * reference: realistic ARNs, so a linter can match them against the actions' resource types.
 */
const STAND_INS: Record<string, (id: string) => Record<string, string>> = {
  'AWS::Backup::BackupVault': (id) => ({ BackupVaultArn: `arn:aws:backup:${REGION}:${ACCOUNT}:backup-vault:${id.toLowerCase()}`, BackupVaultName: id.toLowerCase() }),
  'AWS::Bedrock::Guardrail': (id) => ({ GuardrailArn: `arn:aws:bedrock:${REGION}:${ACCOUNT}:guardrail/${id.toLowerCase()}` }),
  'AWS::Bedrock::GuardrailVersion': () => ({ Version: '1' }),
  'AWS::DocDB::DBCluster': (id) => ({ Ref: id.toLowerCase() }),
  'AWS::DynamoDB::Table': (id) => ({ Ref: id, Arn: `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${id}` }),
  'AWS::CloudFront::Distribution': () => ({ Ref: 'E1A2B3C4D5E6F7' }),
  'AWS::Cognito::IdentityPool': () => ({ Ref: `${REGION}:0a1b2c3d-1111-2222-3333-444455556666` }),
  'AWS::EC2::VPC': () => ({ Ref: 'vpc-0a1b2c3d4e5f67890' }),
  'AWS::Events::EventBus': (id) => ({ Ref: id, Arn: `arn:aws:events:${REGION}:${ACCOUNT}:event-bus/${id}` }),
  'AWS::Events::Rule': (id) => ({ Arn: `arn:aws:events:${REGION}:${ACCOUNT}:rule/${id}` }),
  'AWS::KMS::Key': () => ({ Ref: '1234abcd-12ab-34cd-56ef-1234567890ab', Arn: `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab` }),
  'AWS::Lambda::Function': (id) => ({ Ref: id, Arn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${id}` }),
  'AWS::Logs::LogGroup': (id) => ({ Ref: id, Arn: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${id}:*` }),
  'AWS::S3::Bucket': (id) => ({ Ref: id.toLowerCase(), Arn: `arn:aws:s3:::${id.toLowerCase()}` }),
  'AWS::SNS::Topic': (id) => ({ Ref: `arn:aws:sns:${REGION}:${ACCOUNT}:${id}` }),
  'AWS::SQS::Queue': (id) => ({ Ref: `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/${id}`, Arn: `arn:aws:sqs:${REGION}:${ACCOUNT}:${id}` }),
  'AWS::SecretsManager::Secret': (id) => ({ Ref: `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:${id}-AbCdEf` }),
  'AWS::SecretsManager::SecretTargetAttachment': (id) => ({ Ref: `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:${id}-AbCdEf` }),
  'AWS::ServiceCatalog::CloudFormationProduct': () => ({ Ref: 'prod-abcdefghijklm' }),
  'AWS::ServiceCatalog::Portfolio': () => ({ Ref: 'port-abcdefghijklm' }),
  'AWS::StepFunctions::StateMachine': (id) => ({ Ref: `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:${id}`, Name: id }),
};

/** Values that switch on what an empty default leaves off, for the launch with every option on. */
const OPTIONAL_VALUES: Record<string, string> = { PermissionsBoundaryArn: `arn:aws:iam::${ACCOUNT}:policy/WorkspaceBoundary` };

/** Every stand-in a template's resources may be asked for; a type without one fails, naming the fix. */
function standIns(template: CloudFormationTemplate): Record<string, Record<string, string>> {
  return new Proxy({}, {
    get: (_, id: string) => {
      const type = template.Resources[id]?.Type;
      if (!STAND_INS[type]) throw new Error(`a policy references ${id} (${type}); add a stand-in for ${type} to STAND_INS in qa/policy/policy-documents.ts`);
      return STAND_INS[type](id);
    },
  });
}

/** The launches a template's policies are resolved for: its defaults, and every true/false switch and optional value on. */
function launches(template: CloudFormationTemplate): [string, StackLaunch][] {
  const parameters = template.Parameters ?? {};
  // A parameter without a default takes its first allowed value, its minimum or a stand-in: policies rarely name one.
  const required = Object.fromEntries(Object.entries(parameters).filter(([, parameter]) => parameter.Default === undefined)
    .map(([name, parameter]) => [name, String(parameter.AllowedValues?.[0] ?? parameter.MinValue ?? `stand-in-${name.toLowerCase()}`)]));
  const switches = Object.fromEntries(Object.entries(parameters)
    .filter(([, parameter]) => JSON.stringify(parameter.AllowedValues) === '["true","false"]').map(([name]) => [name, 'true']));
  const optional = Object.fromEntries(Object.entries(OPTIONAL_VALUES).filter(([name]) => name in parameters));
  const launch = (values: Record<string, string>): StackLaunch => ({
    accountId: ACCOUNT, region: REGION, partition: 'aws', stackName: `SC-${ACCOUNT}-pp-abcdefghijklm`,
    stackId: `arn:aws:cloudformation:${REGION}:${ACCOUNT}:stack/SC-${ACCOUNT}-pp-abcdefghijklm/0a1b2c3d-1111-2222-3333-444455556666`,
    parameters: { ...required, ...values }, resources: standIns(template),
  });
  return [['defaults', launch({})], ['every option on', launch({ ...switches, ...optional })]];
}


/** Where each resource type keeps its policy document. */
const DOCUMENT_PROPERTIES: Record<string, string> = {
  'AWS::IAM::Policy': 'PolicyDocument', 'AWS::IAM::ManagedPolicy': 'PolicyDocument', 'AWS::S3::BucketPolicy': 'PolicyDocument',
  'AWS::SQS::QueuePolicy': 'PolicyDocument', 'AWS::SNS::TopicPolicy': 'PolicyDocument', 'AWS::KMS::Key': 'KeyPolicy',
  'AWS::SecretsManager::ResourcePolicy': 'ResourcePolicy', 'AWS::ApiGateway::RestApi': 'Policy',
};

function policyDocuments(id: string, type: string, properties: Record<string, any>): [string, unknown][] {
  // Trust policies are left out: they name no resource, which a policy linter takes for a malformed policy.
  if (type === 'AWS::IAM::Role') return (properties.Policies ?? []).map((inline: any): [string, unknown] => [`${id}/${inline.PolicyName}`, inline.PolicyDocument]);
  const property = DOCUMENT_PROPERTIES[type];
  return property && properties[property] ? [[id, properties[property]]] : [];
}

/**
 * Every policy document of a template file but the roles' trust policies: identity policies
 * (AWS::IAM::Policy, ManagedPolicy, roles' inline policies) and resource policies (buckets, queues, topics,
 * keys, secrets, the REST API), resolved for each launch in which its resource exists.
 */
export function policyDocumentsOf(file: string): ResolvedPolicy[] {
  const template = readTemplate(file);
  const label = file.split('/').pop();
  return launches(template).flatMap(([launchName, launch]) => Object.entries(template.Resources).flatMap(([id, resource]): ResolvedPolicy[] => {
    if (resource.Condition && !conditionHolds(template, resource.Condition, launch)) return [];
    const documents = policyDocuments(id, resource.Type, resource.Properties ?? {});
    return documents.map(([name, document]) => ({
      name: `${label}: ${name} (${launchName})`, resource: id, document: resolveValue(template, document, launch) as Record<string, unknown>,
    }));
  }));
}
