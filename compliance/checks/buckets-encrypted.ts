import { Check, observe, verdict } from '../lib/check';
import { asList, resourcesOfType } from '../../product/cloudformation';

const ALGORITHMS = ['AES256', 'aws:kms', 'aws:kms:dsse'];

/** Every S3 bucket has default server-side encryption (SSE-KMS, or SSE-S3 where S3 allows nothing else). */
export const check: Check = {
  id: 'buckets-encrypted',
  title: 'Every S3 bucket encrypts objects at rest by default',
  evaluate(template) {
    const evidence = resourcesOfType(template, 'AWS::S3::Bucket').map(([id, bucket]) => {
      const rules = asList(bucket.Properties?.BucketEncryption?.ServerSideEncryptionConfiguration);
      const algorithms = rules.map((rule: any) => rule?.ServerSideEncryptionByDefault?.SSEAlgorithm);
      return observe(id, 'BucketEncryption.SSEAlgorithm', algorithms, algorithms.length > 0 && algorithms.every((a) => ALGORITHMS.includes(a)));
    });
    return verdict(evidence, 'the template has no S3 bucket');
  },
};
