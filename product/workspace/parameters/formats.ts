import { BuyerParameterProps } from '../../shared/launch-wizard';

/** The validation of a parameter's value: its pattern and what the wizard says when it does not match. */
export type ParameterFormat = Pick<BuyerParameterProps, 'allowedPattern' | 'constraintDescription'>;

/** An https:// URL, or empty (the option is not used). */
export const OPTIONAL_HTTPS_URL: ParameterFormat = {
  allowedPattern: '^(https://[^\\s]{1,2040})?$', constraintDescription: 'must be empty or an https:// URL',
};

/** An image in an Amazon ECR registry, by digest or by tag. */
export const ECR_IMAGE: ParameterFormat = {
  allowedPattern: '^[0-9]{12}\\.dkr\\.ecr\\.[a-z0-9-]+\\.amazonaws\\.com/[a-z0-9._/-]+(:[A-Za-z0-9._-]{1,128}|@sha256:[a-f0-9]{64})$',
  constraintDescription: 'must be an Amazon ECR image URI such as 123456789012.dkr.ecr.us-east-1.amazonaws.com/repo@sha256:<64 hex digits> (or repo:tag)',
};
