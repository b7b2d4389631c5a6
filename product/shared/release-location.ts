import { BuyerParameterProps } from './launch-wizard';

/**
 * The Marketplace release-location parameters (`MPS3BucketName`, `MPS3BucketRegion`) as the workspace
 * and the portfolio templates both declare them: same label, default and validation; each template
 * adds its own description of what it reads there.
 */
export const RELEASE_BUCKET_NAME: Omit<BuyerParameterProps, 'description'> = {
  label: 'Release bucket name', type: 'String', default: 'automation-workspace-releases',
  allowedPattern: '^[0-9a-z][0-9a-z.-]{1,61}[0-9a-z]$',
  constraintDescription: 'must be an S3 bucket name: 3 to 63 lowercase letters, digits, dots or hyphens',
};

export const RELEASE_BUCKET_REGION: Omit<BuyerParameterProps, 'description'> = {
  label: 'Release bucket Region', type: 'String', default: 'us-east-1', allowedPattern: '^[a-z]{2}(-gov)?-[a-z]+-[0-9]$',
  constraintDescription: 'must be an AWS Region code such as us-east-1',
};
