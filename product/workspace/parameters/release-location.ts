import { CfnParameter } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { LaunchWizard } from '../../shared/launch-wizard';
import { RELEASE_BUCKET_NAME, RELEASE_BUCKET_REGION } from '../../shared/release-location';
import { WizardGroup } from './wizard-group';

/** The launch wizard's release location group, which AWS Marketplace sets: the product code and where the release files are. */
export class ReleaseLocationParameters {
  /** `MarketplaceProductCode`: empty records usage without reporting it. */
  readonly marketplaceProductCode: CfnParameter;
  /** `MPS3BucketName`. */
  readonly bucketName: CfnParameter;
  /** `MPS3BucketRegion`. */
  readonly bucketRegion: CfnParameter;
  /** `MPS3KeyPrefix`: ends with `/`. */
  readonly keyPrefix: CfnParameter;

  /** `version` is in the default key prefix (`workspace/<version>/`). */
  constructor(scope: Construct, wizard: LaunchWizard, version: string) {
    const group = new WizardGroup(wizard, scope, 'Release location (set by AWS Marketplace; leave as is)');
    this.marketplaceProductCode = group.parameter('MarketplaceProductCode', {
      label: 'AWS Marketplace product code', type: 'String', default: '', allowedPattern: '^[a-z0-9]{0,25}$',
      constraintDescription: 'must be empty or the 25-character product code of the listing',
      description: 'Product code the metering sidecar reports usage under; empty records usage without reporting it.',
    });
    this.bucketName = group.parameter('MPS3BucketName', {
      ...RELEASE_BUCKET_NAME,
      description: 'S3 bucket holding the workspace release files (function code). AWS Marketplace sets this.',
    });
    this.bucketRegion = group.parameter('MPS3BucketRegion', {
      ...RELEASE_BUCKET_REGION,
      description: 'Region of the release bucket. In any other Region the files are read from <bucket>-<region>.',
    });
    this.keyPrefix = group.parameter('MPS3KeyPrefix', {
      label: 'Release key prefix', type: 'String', default: `workspace/${version}/`,
      allowedPattern: '^[0-9a-zA-Z-_.()/]*/$',
      constraintDescription: 'must end with / and contain only letters, digits, - _ . ( ) and /',
      description: 'Key prefix of the release files in the bucket. AWS Marketplace sets this.',
    });
  }
}
