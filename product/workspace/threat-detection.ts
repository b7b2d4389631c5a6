import { Aws, CfnCondition } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as guardduty from 'aws-cdk-lib/aws-guardduty';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { uniqueName } from './private/stack-suffix';
import { notificationTopicTarget } from './private/topic-target';

/**
 * The lowest GuardDuty severity announced on the notification topic: 4, where Medium begins (GuardDuty
 * severity levels: Low 1.0-3.9, Medium 4.0-6.9, High 7.0-8.9, Critical 9.0-10.0). Medium findings are
 * activity that deviates from normal and may mean a compromised resource (unusual API calls, a task
 * talking to a known bad address), which a HIPAA or GDPR responder must look at; Low findings are
 * attempts that were blocked or did not succeed and stay in the GuardDuty console.
 */
export const GUARDDUTY_NOTIFY_SEVERITY = 4;

/** Props of {@link WorkspaceThreatDetection}. */
export interface WorkspaceThreatDetectionProps {
  /** The condition the detector exists under (GuardDutyEnabled). */
  readonly condition: CfnCondition;
  /** Receives GuardDuty findings of at least {@link GUARDDUTY_NOTIFY_SEVERITY}. */
  readonly topic: sns.ITopic;
}

/**
 * Optional threat detection (seed 002): an Amazon GuardDuty detector for the account and Region,
 * with S3 protection, publishing findings every 15 minutes, and a rule on the default bus, where
 * GuardDuty sends its findings, that announces Medium and worse findings on the notification topic.
 * Only under the GuardDutyEnabled condition, which is off by default: an account has at most one
 * detector per Region, so creating a second one fails.
 */
export class WorkspaceThreatDetection extends Construct {
  readonly detector: guardduty.CfnDetector;

  constructor(scope: Construct, id: string, props: WorkspaceThreatDetectionProps) {
    super(scope, id);
    this.detector = new guardduty.CfnDetector(this, 'Detector', {
      enable: true,
      findingPublishingFrequency: 'FIFTEEN_MINUTES',
      // S3 protection (Control Tower CT.GUARDDUTY.PR.1): data events on the account's buckets, such as the audit trail's.
      dataSources: { s3Logs: { enable: true } },
    });
    const findings = new events.CfnRule(this, 'FindingsToTopic', {
      name: guardDutyFindingsRuleName(),
      description: `Sends GuardDuty findings of severity ${GUARDDUTY_NOTIFY_SEVERITY} (Medium) or higher to the notification topic.`,
      eventPattern: {
        'source': ['aws.guardduty'],
        'detail-type': ['GuardDuty Finding'],
        'detail': { severity: [{ numeric: ['>=', GUARDDUTY_NOTIFY_SEVERITY] }] },
      },
      targets: [notificationTopicTarget(props.topic)],
    });
    for (const resource of [this.detector, findings]) resource.cfnOptions.condition = props.condition;
  }
}

/** The name of the default-bus rule that announces GuardDuty findings, known before it exists (for the topic policy). */
export function guardDutyFindingsRuleName(): string {
  return uniqueName('workspace-guardduty-findings');
}

/** The ARN of that rule. */
export function guardDutyFindingsRuleArn(): string {
  return `arn:${Aws.PARTITION}:events:${Aws.REGION}:${Aws.ACCOUNT_ID}:rule/${guardDutyFindingsRuleName()}`;
}
