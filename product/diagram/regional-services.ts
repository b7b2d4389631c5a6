import { CloudFormationTemplate, resourcesOf } from './cloudformation';

/** A service outside the VPC, shown when the template has any resource of its types. */
export interface RegionalService {
  readonly key: string;
  /** Path of the icon inside the `aws-icons` package, without `.svg`. */
  readonly icon: string;
  readonly title: string;
  readonly types: readonly string[];
  /** The line under the title, from how many resources of the types the template has. */
  readonly detail: (count: number, template: CloudFormationTemplate) => string;
}

/** The regional services, in the order the diagram shows them. */
export const REGIONAL_SERVICES: readonly RegionalService[] = [
  { key: 'table', icon: 'architecture-service/AmazonDynamoDB', title: 'Amazon DynamoDB', types: ['AWS::DynamoDB::Table'], detail: (n) => counted(n, 'table') },
  { key: 'buckets', icon: 'architecture-service/AmazonSimpleStorageService', title: 'Amazon S3', types: ['AWS::S3::Bucket'], detail: (n) => counted(n, 'bucket') },
  { key: 'keys', icon: 'architecture-service/AWSKeyManagementService', title: 'AWS KMS', types: ['AWS::KMS::Key'], detail: (n) => counted(n, 'customer key') },
  { key: 'secrets', icon: 'architecture-service/AWSSecretsManager', title: 'Secrets Manager', types: ['AWS::SecretsManager::Secret'], detail: (n) => counted(n, 'secret') },
  { key: 'monitoring', icon: 'architecture-service/AmazonCloudWatch', title: 'Amazon CloudWatch', types: ['AWS::Logs::LogGroup', 'AWS::CloudWatch::Alarm', 'AWS::CloudWatch::Dashboard'], detail: (_, template) => monitoringDetail(template) },
  { key: 'notifications', icon: 'architecture-service/AmazonSimpleNotificationService', title: 'Amazon SNS', types: ['AWS::SNS::Topic'], detail: () => 'alarm notifications' },
  { key: 'schedules', icon: 'architecture-service/AmazonEventBridge', title: 'Amazon EventBridge', types: ['AWS::Events::Rule'], detail: (_, template) => scheduleDetail(template) },
  { key: 'audit-trail', icon: 'architecture-service/AWSCloudTrail', title: 'AWS CloudTrail', types: ['AWS::CloudTrail::Trail'], detail: () => 'audit trail' },
];

function counted(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
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
