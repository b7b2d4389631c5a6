import { Annotations, Aws, CfnCondition, Fn } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

/** Props of {@link ReleaseFiles}. */
export interface ReleaseFilesProps {
  /** The Marketplace release bucket (MPS3BucketName). */
  readonly bucketName: string;
  /** Holds when that bucket is in the stack's Region (MPS3BucketRegion); otherwise its regional copy is read. */
  readonly bucketInStackRegion: CfnCondition;
  /** The key prefix of this version's files, ending in `/` (MPS3KeyPrefix). */
  readonly keyPrefix: string;
}

/**
 * Where the release's files (function code) are read from: the Marketplace release bucket
 * (`MPS3BucketName`) when it is in the stack's Region, otherwise its regional copy
 * `<MPS3BucketName>-<region>`, because Lambda reads code only from a bucket in its own Region. Keys are
 * under `MPS3KeyPrefix`.
 */
export class ReleaseFiles extends Construct {
  readonly bucket: s3.IBucket;
  private readonly keyPrefix: string;

  constructor(scope: Construct, id: string, props: ReleaseFilesProps) {
    super(scope, id);
    const bucketName = Fn.conditionIf(props.bucketInStackRegion.logicalId,
      props.bucketName, Fn.join('-', [props.bucketName, Aws.REGION])).toString();
    this.bucket = s3.Bucket.fromBucketName(this, 'Bucket', bucketName);
    Annotations.of(this.bucket).acknowledgeWarning('@aws-cdk/aws-lambda:codeFromBucketObjectVersionNotSpecified',
      'Release files are immutable: every version has its own MPS3KeyPrefix, so a new version is a new key.');
    this.keyPrefix = props.keyPrefix;
  }

  /** The code archive of a function built from `services/<name>`: `<MPS3KeyPrefix>functions/<name>.zip`. */
  functionCode(name: string): lambda.Code {
    return lambda.Code.fromBucket(this.bucket, Fn.join('', [this.keyPrefix, `functions/${name}.zip`]));
  }
}
