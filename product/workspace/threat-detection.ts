import * as guardduty from 'aws-cdk-lib/aws-guardduty';
import { Construct } from 'constructs';
import { WorkspaceParameters } from './parameters';

/**
 * Optional threat detection (seed 002): an Amazon GuardDuty detector for the account and Region,
 * with S3 protection, publishing findings every 15 minutes. Only under the GuardDutyEnabled condition, which is off by
 * default: an account has at most one detector per Region, so creating a second one fails.
 */
export class WorkspaceThreatDetection extends Construct {
  readonly detector: guardduty.CfnDetector;

  constructor(scope: Construct, id: string, parameters: WorkspaceParameters) {
    super(scope, id);
    this.detector = new guardduty.CfnDetector(this, 'Detector', {
      enable: true,
      findingPublishingFrequency: 'FIFTEEN_MINUTES',
      // S3 protection (Control Tower CT.GUARDDUTY.PR.1): data events on the account's buckets, such as the audit trail's.
      dataSources: { s3Logs: { enable: true } },
    });
    this.detector.cfnOptions.condition = parameters.guardDutyEnabled;
  }
}
