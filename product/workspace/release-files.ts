import { Annotations, Aws, Fn } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { WorkspaceParameters } from './parameters';

/**
 * Where the release's files (function code) are read from: the Marketplace release bucket
 * (`MPS3BucketName`) when it is in the stack's Region, otherwise its regional copy
 * `<MPS3BucketName>-<region>`, because Lambda reads code only from a bucket in its own Region. Keys are
 * under `MPS3KeyPrefix`.
 */
export class ReleaseFiles extends Construct {
  readonly bucket: s3.IBucket;
  private readonly keyPrefix: string;

  constructor(scope: Construct, id: string, parameters: WorkspaceParameters) {
    super(scope, id);
    const bucketName = Fn.conditionIf(parameters.releaseBucketInStackRegion.logicalId,
      parameters.releaseBucketName.valueAsString,
      Fn.join('-', [parameters.releaseBucketName.valueAsString, Aws.REGION])).toString();
    this.bucket = s3.Bucket.fromBucketName(this, 'Bucket', bucketName);
    Annotations.of(this.bucket).acknowledgeWarning('@aws-cdk/aws-lambda:codeFromBucketObjectVersionNotSpecified',
      'Release files are immutable: every version has its own MPS3KeyPrefix, so a new version is a new key.');
    this.keyPrefix = parameters.releaseKeyPrefix.valueAsString;
  }

  /** The code archive of a function built from `services/<name>`: `<MPS3KeyPrefix>functions/<name>.zip`. */
  functionCode(name: string): lambda.Code {
    return lambda.Code.fromBucket(this.bucket, Fn.join('', [this.keyPrefix, `functions/${name}.zip`]));
  }
}
