import { DescribeContinuousBackupsCommand, DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DescribeRouteTablesCommand, DescribeSecurityGroupsCommand, DescribeSubnetsCommand, DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { GetKeyRotationStatusCommand, KMSClient } from '@aws-sdk/client-kms';
import { GetBucketPolicyCommand, GetObjectCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DescribeStateMachineCommand, SFNClient } from '@aws-sdk/client-sfn';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { referenceTarget } from '../../product/cloudformation';

/** A deployed stack as the checks see it: its template, parameter values and resources. */
export interface DeployedStack {
  readonly name: string;
  readonly region: string;
  readonly template: Record<string, any>;
  readonly parameters: Record<string, string>;
  /** Physical ID of each created resource, by logical ID (empty where the endpoint gives none). */
  readonly physicalIds: Record<string, string>;
}

/** SDK clients of one Region (pointed at the local endpoint when there is one). */
export interface RegionClients {
  readonly ec2: EC2Client;
  readonly dynamodb: DynamoDBClient;
  readonly kms: KMSClient;
  readonly s3: S3Client;
  readonly sqs: SQSClient;
  readonly sfn: SFNClient;
}

type Check = (stack: DeployedStack, clients: RegionClients) => Promise<string[]>;

const ofType = (stack: DeployedStack, type: string) =>
  Object.entries(stack.template.Resources as Record<string, any>)
    .filter(([id, resource]) => resource.Type === type && stack.physicalIds[id])
    .map(([id, resource]) => ({ id, physicalId: stack.physicalIds[id], properties: resource.Properties ?? {} }));
const parameterOf = (stack: DeployedStack, value: any) => (value?.Ref ? stack.parameters[value.Ref] : value);
const differs = (what: string, actual: unknown, expected: unknown) =>
  (JSON.stringify(actual) === JSON.stringify(expected) ? [] : [`${what}: expected ${JSON.stringify(expected)}, found ${JSON.stringify(actual)}`]);

/** The VPC and every subnet have the CIDR blocks the stack's parameters asked for. */
const cidrBlocks: Check = async (stack, { ec2 }) => {
  const problems: string[] = [];
  for (const vpc of ofType(stack, 'AWS::EC2::VPC')) {
    const [found] = (await ec2.send(new DescribeVpcsCommand({ VpcIds: [vpc.physicalId] }))).Vpcs ?? [];
    problems.push(...differs(`VPC ${vpc.id} CIDR`, found?.CidrBlock, parameterOf(stack, vpc.properties.CidrBlock)));
  }
  for (const subnet of ofType(stack, 'AWS::EC2::Subnet')) {
    const [found] = (await ec2.send(new DescribeSubnetsCommand({ SubnetIds: [subnet.physicalId] }))).Subnets ?? [];
    problems.push(...differs(`subnet ${subnet.id} CIDR`, found?.CidrBlock, parameterOf(stack, subnet.properties.CidrBlock)));
  }
  return problems;
};

/** Each route table sends 0.0.0.0/0 where the template says (IGW, NAT) and the database table nowhere. */
const routes: Check = async (stack, { ec2 }) => {
  const problems: string[] = [];
  const routesByTable = new Map<string, any[]>();
  for (const route of ofType(stack, 'AWS::EC2::Route')) {
    const table = route.properties.RouteTableId.Ref;
    routesByTable.set(table, [...(routesByTable.get(table) ?? []), route.properties]);
  }
  for (const table of ofType(stack, 'AWS::EC2::RouteTable')) {
    const [found] = (await ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: [table.physicalId] }))).RouteTables ?? [];
    const defaultRoute = found?.Routes?.find((route) => route.DestinationCidrBlock === '0.0.0.0/0');
    const asked = (routesByTable.get(table.id) ?? []).find((route) => route.DestinationCidrBlock === '0.0.0.0/0');
    const target = asked?.GatewayId ? stack.physicalIds[asked.GatewayId.Ref] : asked?.NatGatewayId ? stack.physicalIds[asked.NatGatewayId.Ref] : undefined;
    problems.push(...differs(`route table ${table.id} default route`, defaultRoute?.GatewayId ?? defaultRoute?.NatGatewayId, target));
  }
  return problems;
};

/** The database tier admits DocumentDB's port from the app tier only (in a stack with a VPC: not the portfolio's). */
const databaseTier: Check = async (stack, { ec2 }) => {
  const groups = ofType(stack, 'AWS::EC2::SecurityGroup');
  const database = groups.find((group) => /database tier/i.test(group.properties.GroupDescription));
  const app = groups.find((group) => /app tier/i.test(group.properties.GroupDescription));
  if (!Object.values(stack.template.Resources as Record<string, any>).some((resource) => resource.Type === 'AWS::EC2::VPC')) return [];
  if (!database || !app) return ['the database and app tier security groups were not created'];
  const [found] = (await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [database.physicalId] }))).SecurityGroups ?? [];
  const ingress = (found?.IpPermissions ?? []).map((rule) =>
    `${rule.IpProtocol}/${rule.FromPort}-${rule.ToPort} ${[...(rule.UserIdGroupPairs ?? []).map((pair) => pair.GroupId), ...(rule.IpRanges ?? []).map((range) => range.CidrIp)].join(',')}`);
  return differs(`database tier ${database.id} ingress`, ingress, [`tcp/27017-27017 ${app.physicalId}`]);
};

/** The table is encrypted with the customer-managed key and has point-in-time recovery. */
const table: Check = async (stack, { dynamodb }) => {
  const problems: string[] = [];
  for (const { id, physicalId } of ofType(stack, 'AWS::DynamoDB::Table')) {
    const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName: physicalId }));
    problems.push(...differs(`table ${id} encryption`, Table?.SSEDescription?.SSEType, 'KMS'));
    const backups = await dynamodb.send(new DescribeContinuousBackupsCommand({ TableName: physicalId }));
    problems.push(...differs(`table ${id} point-in-time recovery`,
      backups.ContinuousBackupsDescription?.PointInTimeRecoveryDescription?.PointInTimeRecoveryStatus, 'ENABLED'));
  }
  return problems;
};

/** Every key rotates. */
const keyRotation: Check = async (stack, { kms }) => {
  const problems: string[] = [];
  for (const { id, physicalId } of ofType(stack, 'AWS::KMS::Key')) {
    const status = await kms.send(new GetKeyRotationStatusCommand({ KeyId: physicalId }));
    problems.push(...differs(`key ${id} rotation`, status.KeyRotationEnabled, true));
  }
  return problems;
};

/** Every bucket refuses requests that are not over TLS. */
const bucketPolicies: Check = async (stack, { s3 }) => {
  const problems: string[] = [];
  for (const { id, physicalId } of ofType(stack, 'AWS::S3::Bucket')) {
    const policy = JSON.parse((await s3.send(new GetBucketPolicyCommand({ Bucket: physicalId }))).Policy ?? '{}');
    const tlsOnly = (policy.Statement ?? []).some((statement: any) =>
      statement.Effect === 'Deny' && statement.Condition?.Bool?.['aws:SecureTransport'] === 'false');
    if (!tlsOnly) problems.push(`bucket ${id} (${physicalId}) has no policy statement refusing plain HTTP`);
  }
  return problems;
};

/** Every queue is encrypted with a KMS key; a queue with a redrive policy sends to the queue the template names. */
const queues: Check = async (stack, { sqs }) => {
  const problems: string[] = [];
  const created = ofType(stack, 'AWS::SQS::Queue');
  for (const { id, physicalId, properties } of created) {
    const { Attributes = {} } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: physicalId, AttributeNames: ['All'] }));
    if (!Attributes.KmsMasterKeyId) problems.push(`queue ${id} is not encrypted with a KMS key`);
    if (!properties.RedrivePolicy) continue;
    const deadLetter = created.find((queue) => queue.id === referenceTarget(properties.RedrivePolicy.deadLetterTargetArn));
    const redrive = JSON.parse(Attributes.RedrivePolicy ?? '{}');
    problems.push(...differs(`queue ${id} dead-letter queue`, redrive.deadLetterTargetArn?.split(':').pop(), deadLetter?.physicalId.split('/').pop()));
    problems.push(...differs(`queue ${id} receives before dead-lettering`, Number(redrive.maxReceiveCount), Number(properties.RedrivePolicy.maxReceiveCount)));
  }
  return problems;
};

/** Every state machine traces with X-Ray and logs every event. */
const stateMachines: Check = async (stack, { sfn }) => {
  const problems: string[] = [];
  for (const { id, physicalId } of ofType(stack, 'AWS::StepFunctions::StateMachine')) {
    const machine = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: physicalId }));
    problems.push(...differs(`state machine ${id} tracing`, machine.tracingConfiguration?.enabled, true));
    problems.push(...differs(`state machine ${id} log level`, machine.loggingConfiguration?.level, 'ALL'));
  }
  return problems;
};

/**
 * The console publisher ran: the bucket holds the app, every script its page loads, the compliance
 * report, and a config.json naming this stack's API, client and Region.
 */
const consolePublished: Check = async (stack, { s3 }) => {
  const problems: string[] = [];
  const publications = ofType(stack, 'Custom::ConsolePublication');
  const declared = Object.values(stack.template.Resources as Record<string, any>).filter((resource) => resource.Type === 'Custom::ConsolePublication');
  if (publications.length < declared.length) problems.push('the console publication was not created');
  for (const { id, properties } of publications) {
    const bucket = stack.physicalIds[properties.BucketName.Ref];
    const text = async (key: string) => (await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body!.transformToString();
    const page = await text('index.html');
    for (const script of page.match(/\/assets\/[\w.-]+\.js/g) ?? []) {
      await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: script.slice(1) })).catch(() => problems.push(`${id}: index.html loads ${script}, which is not in ${bucket}`));
    }
    await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'compliance-report.html' })).catch(() => problems.push(`${id}: no compliance-report.html in ${bucket}`));
    const config = JSON.parse(await text('config.json'));
    const apiId = ofType(stack, 'AWS::ApiGateway::RestApi')[0]?.physicalId;
    const clientId = ofType(stack, 'AWS::Cognito::UserPoolClient')[0]?.physicalId;
    if (!String(config.apiUrl).includes(`//${apiId}.execute-api.${stack.region}.`)) problems.push(`${id}: config.json apiUrl ${config.apiUrl} is not API ${apiId}'s`);
    problems.push(...differs(`${id} config.json signIn.clientId`, config.signIn?.clientId, clientId));
    problems.push(...differs(`${id} config.json region`, config.region, stack.region));
  }
  return problems;
};

/** Every check, by the name printed in the run's summary. */
export const POST_DEPLOY_CHECKS: Record<string, Check> = {
  'VPC and subnet CIDR blocks': cidrBlocks,
  'route targets': routes,
  'database tier security group': databaseTier,
  'table encryption and point-in-time recovery': table,
  'key rotation': keyRotation,
  'TLS-only bucket policies': bucketPolicies,
  'queue encryption and dead-letter queues': queues,
  'state machine tracing and logging': stateMachines,
  'console published with its configuration': consolePublished,
};
