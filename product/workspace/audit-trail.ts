import { CfnCondition, RemovalPolicy } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { SecureBucket } from './buckets';
import { onlyIf } from './private/only-if';

/** Props of {@link WorkspaceAuditTrail}. */
export interface WorkspaceAuditTrailProps {
  /** The condition the trail exists under (CloudTrailEnabled). */
  readonly condition: CfnCondition;
  readonly key: kms.IKey;
  readonly accessLogBucket: s3.IBucket;
  /** Days the log group keeps events and the bucket keeps (and locks) log files: the LogRetentionDays parameter's value. */
  readonly logRetentionDays: number;
}

/**
 * The optional API audit trail (seed guide: "Enable AWS CloudTrail to audit API calls"): a multi-Region
 * trail with log file validation into a KMS-encrypted, versioned, TLS-only bucket, also delivered to an
 * encrypted log group for search and alarms.
 */
export class WorkspaceAuditTrail extends Construct {
  readonly trail: cloudtrail.Trail;
  readonly bucket: s3.Bucket;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: WorkspaceAuditTrailProps) {
    super(scope, id);
    const retention = props.logRetentionDays;
    this.bucket = new SecureBucket(this, 'Bucket', {
      key: props.key,
      accessLogs: { bucket: props.accessLogBucket, prefix: 'audit-trail/' },
      noncurrentVersionExpirationDays: retention,
      // Audit evidence must not be altered or removed before its retention ends (HIPAA 164.312(b), (c)).
      objectLockDays: retention,
    }).bucket;
    this.logGroup = new logs.LogGroup(this, 'LogGroup', {
      encryptionKey: props.key,
      retention: retention as logs.RetentionDays,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.trail = new cloudtrail.Trail(this, 'Trail', {
      bucket: this.bucket,
      encryptionKey: props.key,
      enableFileValidation: true,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      sendToCloudWatchLogs: true,
      cloudWatchLogGroup: this.logGroup,
    });
    onlyIf(props.condition, this);
  }
}
