import { Check, observe, verdict } from '../lib/check';
import { resourcesOfType } from '../../product/cloudformation';

const SETTINGS = ['BlockPublicAcls', 'BlockPublicPolicy', 'IgnorePublicAcls', 'RestrictPublicBuckets'];

/** Every S3 bucket blocks public access with all four settings, and owns its objects (no ACLs). */
export const check: Check = {
  id: 'buckets-block-public-access',
  title: 'Every S3 bucket blocks all public access and disables ACLs',
  evaluate(template) {
    const evidence = resourcesOfType(template, 'AWS::S3::Bucket').flatMap(([id, bucket]) => {
      const block = bucket.Properties?.PublicAccessBlockConfiguration;
      const ownership = bucket.Properties?.OwnershipControls?.Rules?.[0]?.ObjectOwnership;
      return [
        observe(id, 'PublicAccessBlockConfiguration', block, SETTINGS.every((setting) => block?.[setting] === true)),
        observe(id, 'OwnershipControls.ObjectOwnership', ownership, ownership === 'BucketOwnerEnforced'),
      ];
    });
    return verdict(evidence, 'the template has no S3 bucket');
  },
};
