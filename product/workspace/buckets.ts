import { Aws, Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acceptGuardFindings, acceptNagFinding } from '../shared/policy-exceptions';

/** Props of {@link SecureBucket}. */
export interface SecureBucketProps {
  /** The customer-managed key for SSE-KMS. @default - SSE-S3, which S3 server access logging requires of its target */
  readonly key?: kms.IKey;
  /** Where S3 server access logs of this bucket go. @default - none (only for the access log bucket itself) */
  readonly accessLogs?: { readonly bucket: s3.IBucket; readonly prefix: string };
  /** Whether other buckets of this account deliver their S3 server access logs here. @default false */
  readonly receivesAccessLogs?: boolean;
  /** Days after which superseded object versions are deleted. */
  readonly noncurrentVersionExpirationDays: number;
  /** Days after which current objects expire. @default - never */
  readonly expirationDays?: number;
  /**
   * Days each object version is write-protected by S3 Object Lock (governance mode); without it,
   * `noObjectLockReason` must say why the bucket's objects may be removed before their time.
   * @default - no Object Lock
   */
  readonly objectLockDays?: number;
  /** Why the bucket has no Object Lock. Required when `objectLockDays` is not set. */
  readonly noObjectLockReason?: string;
}

/**
 * An S3 bucket as every workspace bucket must be: public access blocked, owner-enforced ownership,
 * versioned, TLS-only, encrypted, with a lifecycle, object events sent to EventBridge (for the buyer's
 * monitoring), and retained with the stack.
 */
export class SecureBucket extends Construct {
  readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: SecureBucketProps) {
    super(scope, id);
    this.bucket = new s3.Bucket(this, 'Bucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      versioned: true,
      objectLockEnabled: props.objectLockDays === undefined ? undefined : true,
      encryption: props.key ? s3.BucketEncryption.KMS : s3.BucketEncryption.S3_MANAGED,
      encryptionKey: props.key,
      bucketKeyEnabled: props.key ? true : undefined,
      lifecycleRules: [{
        id: 'ExpireSupersededVersions',
        noncurrentVersionExpiration: Duration.days(props.noncurrentVersionExpirationDays),
        abortIncompleteMultipartUploadAfter: Duration.days(7),
        expiration: props.expirationDays === undefined ? undefined : Duration.days(props.expirationDays),
      }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const resource = this.bucket.node.defaultChild as s3.CfnBucket;
    // On the L1 resource: the L2 option deploys a custom resource for what CloudFormation does natively.
    resource.notificationConfiguration = {
      eventBridgeConfiguration: { eventBridgeEnabled: true },
    };
    if (props.objectLockDays === undefined) {
      if (!props.noObjectLockReason) throw new Error(`${this.node.path}: set objectLockDays, or noObjectLockReason to say why the bucket needs none`);
      acceptGuardFindings(resource, ['s3_bucket_object_lock_enabled_check'], props.noObjectLockReason);
    } else {
      // On the L1 resource: the L2 option rejects a retention that is a parameter.
      resource.objectLockConfiguration = {
        objectLockEnabled: 'Enabled',
        rule: { defaultRetention: { mode: 'GOVERNANCE', days: props.objectLockDays } },
      };
    }
    acceptNagFinding(this.bucket, 'HIPAA.Security-S3BucketReplicationEnabled',
      'Data stays in the Region the buyer chose (GDPR data residency); versioning protects against loss, and cross-Region replication is the buyer\'s decision.');
    if (!props.key) {
      const reason = 'S3 delivers server access logs only to buckets encrypted with SSE-S3; SSE-KMS targets are not supported.';
      acceptNagFinding(this.bucket, 'HIPAA.Security-S3DefaultEncryptionKMS', reason);
      acceptGuardFindings(resource, ['s3_bucket_default_encryption_kms_check'], reason);
    }
    if (props.receivesAccessLogs && !props.accessLogs) {
      acceptGuardFindings(resource, ['s3_bucket_logging_enabled_check'],
        'This is the access log destination; logging it into itself would loop and into another bucket would only move the question.');
    }
    if (props.accessLogs) {
      // Set on the L1 resource: the L2 option also writes a per-source-bucket statement into the log
      // bucket's policy, which would reference buckets that exist only under their own conditions.
      resource.loggingConfiguration = {
        destinationBucketName: props.accessLogs.bucket.bucketName,
        logFilePrefix: props.accessLogs.prefix,
      };
    }
    if (props.receivesAccessLogs) {
      this.bucket.addToResourcePolicy(new iam.PolicyStatement({
        sid: 'S3ServerAccessLogDelivery',
        principals: [new iam.ServicePrincipal('logging.s3.amazonaws.com')],
        actions: ['s3:PutObject'],
        resources: [this.bucket.arnForObjects('*')],
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      }));
    }
  }

}
