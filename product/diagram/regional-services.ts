import { CloudFormationTemplate, resourcesOfType, TemplateResource } from '../cloudformation';
import { DetailPart } from './detail-lines';
import { readableName } from './readable-name';

/** A service outside the VPC, shown when the template has any resource of its types. */
export interface RegionalService {
  readonly key: string;
  /** Path of the icon inside the `aws-icons` package, without `.svg`. */
  readonly icon: string;
  readonly title: string;
  readonly types: readonly string[];
  /** The lines under the title, from the template's resources of the types. */
  readonly details: (template: CloudFormationTemplate) => DetailPart[];
}

/** The regional services, in the order the diagram shows them: data, security, monitoring, automation. */
export const REGIONAL_SERVICES: readonly RegionalService[] = [
  { key: 'table', icon: 'architecture-service/AmazonDynamoDB', title: 'Amazon DynamoDB', types: ['AWS::DynamoDB::Table'], details: (t) => [countOf(t, 'AWS::DynamoDB::Table', 'table')] },
  { key: 'buckets', icon: 'architecture-service/AmazonSimpleStorageService', title: 'Amazon S3', types: ['AWS::S3::Bucket'], details: (t) => [countOf(t, 'AWS::S3::Bucket', 'bucket')] },
  { key: 'keys', icon: 'architecture-service/AWSKeyManagementService', title: 'AWS KMS', types: ['AWS::KMS::Key'], details: (t) => [countOf(t, 'AWS::KMS::Key', 'customer key')] },
  { key: 'secrets', icon: 'architecture-service/AWSSecretsManager', title: 'Secrets Manager', types: ['AWS::SecretsManager::Secret'], details: (t) => [countOf(t, 'AWS::SecretsManager::Secret', 'secret')] },
  { key: 'monitoring', icon: 'architecture-service/AmazonCloudWatch', title: 'Amazon CloudWatch', types: ['AWS::Logs::LogGroup', 'AWS::CloudWatch::Alarm', 'AWS::CloudWatch::Dashboard'], details: (t) => [monitoringDetail(t)] },
  { key: 'audit-trail', icon: 'architecture-service/AWSCloudTrail', title: 'AWS CloudTrail', types: ['AWS::CloudTrail::Trail'], details: () => [{ text: 'audit trail' }] },
  { key: 'threat-detection', icon: 'architecture-service/AmazonGuardDuty', title: 'Amazon GuardDuty', types: ['AWS::GuardDuty::Detector'], details: () => [{ text: 'threat detection' }] },
  { key: 'notifications', icon: 'architecture-service/AmazonSimpleNotificationService', title: 'Amazon SNS', types: ['AWS::SNS::Topic'], details: () => [{ text: 'alarm notifications' }] },
  { key: 'schedules', icon: 'architecture-service/AmazonEventBridge', title: 'Amazon EventBridge', types: ['AWS::Events::Rule', 'AWS::Events::EventBus', 'AWS::Events::Archive'], details: (t) => eventDetails(t) },
  { key: 'queues', icon: 'architecture-service/AmazonSimpleQueueService', title: 'Amazon SQS', types: ['AWS::SQS::Queue'], details: (t) => queueDetails(t) },
  { key: 'workflows', icon: 'architecture-service/AWSStepFunctions', title: 'AWS Step Functions', types: ['AWS::StepFunctions::StateMachine'], details: (t) => namedResources(t, 'AWS::StepFunctions::StateMachine', 'StateMachine') },
];

function counted(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function countOf(template: CloudFormationTemplate, type: string, noun: string): DetailPart {
  return { text: counted(resourcesOfType(template, type).length, noun) };
}

function monitoringDetail(template: CloudFormationTemplate): DetailPart {
  const parts: [string, string][] = [['AWS::Logs::LogGroup', 'logs'], ['AWS::CloudWatch::Alarm', 'alarms'], ['AWS::CloudWatch::Dashboard', 'dashboard']];
  return { text: parts.filter(([type]) => resourcesOfType(template, type).length > 0).map(([, part]) => part).join(', ') };
}

/** The schedules, then the custom event buses. */
function eventDetails(template: CloudFormationTemplate): DetailPart[] {
  const schedules = resourcesOfType(template, 'AWS::Events::Rule').filter(([, rule]) => typeof rule.Properties?.ScheduleExpression === 'string');
  const expressions = schedules.map(([, rule]) => rule.Properties!.ScheduleExpression as string);
  const buses = resourcesOfType(template, 'AWS::Events::EventBus');
  return [
    ...(expressions.length === 0 ? [] : [{ text: expressions.length === 1 ? scheduleWords(expressions[0]) : counted(expressions.length, 'schedule'), resources: schedules }]),
    ...(buses.length === 0 ? [] : [{ text: buses.length === 1 ? 'event bus' : `${buses.length} event buses`, resources: buses }]),
  ];
}

/** "rate(1 minute)" -> "runs every minute"; other expressions as written. */
function scheduleWords(expression: string): string {
  const rate = /^rate\((\d+) (minute|hour|day)s?\)$/.exec(expression);
  if (!rate) return expression;
  return rate[1] === '1' ? `runs every ${rate[2]}` : `runs every ${rate[1]} ${rate[2]}s`;
}

/** The work queues by name, then the dead-letter queues (those another resource sends failures to) by count. */
function queueDetails(template: CloudFormationTemplate): DetailPart[] {
  const queues = resourcesOfType(template, 'AWS::SQS::Queue');
  const deadLetterTargets = JSON.stringify(Object.values(template.Resources).map(deadLetterSettings));
  const deadLetter = queues.filter(([logicalId]) => deadLetterTargets.includes(`"${logicalId}"`));
  const work = queues.filter((queue) => !deadLetter.includes(queue));
  return [
    ...work.map((queue) => ({ text: readableName(queue[0], '').toLowerCase(), resources: [queue] })),
    ...(deadLetter.length === 0 ? [] : [{ text: counted(deadLetter.length, 'dead-letter queue'), resources: deadLetter }]),
  ];
}

/** Where a resource sends what it cannot deliver: an SQS redrive policy, or a Lambda or target dead-letter config. */
function deadLetterSettings(resource: TemplateResource): unknown[] {
  const properties = resource.Properties ?? {};
  return [properties.RedrivePolicy?.deadLetterTargetArn, properties.DeadLetterConfig, (properties.Targets ?? []).map((target: { DeadLetterConfig?: unknown }) => target.DeadLetterConfig)];
}

/** One line per resource, named after its construct ("ApprovalWorkflowStateMachine0C2D9719" -> "approval workflow"). */
function namedResources(template: CloudFormationTemplate, type: string, suffix: string): DetailPart[] {
  return resourcesOfType(template, type).map((resource) => ({ text: readableName(resource[0], suffix).toLowerCase(), resources: [resource] }));
}
