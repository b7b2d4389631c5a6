import { Check, observe, verdict } from '../lib/check';
import { asList, referenceTarget, resourcesOfType } from '../../product/cloudformation';
import { deniesPlainHttp } from '../lib/policy-statements';

/** Every S3 bucket has a bucket policy that denies any request not made over TLS. */
export const check: Check = {
  id: 'buckets-require-tls',
  title: 'Every S3 bucket policy denies requests that do not use TLS (aws:SecureTransport)',
  evaluate(template) {
    const policies = resourcesOfType(template, 'AWS::S3::BucketPolicy');
    const evidence = resourcesOfType(template, 'AWS::S3::Bucket').map(([id]) => {
      const policy = policies.find(([, p]) => referenceTarget(p.Properties?.Bucket) === id);
      const statements = asList(policy?.[1].Properties?.PolicyDocument?.Statement);
      const denial = statements.find((statement) => deniesPlainHttp(statement, 's3'));
      return observe(policy?.[0] ?? id, policy ? 'PolicyDocument (Deny aws:SecureTransport false)' : 'bucket policy', denial ?? null, denial !== undefined);
    });
    return verdict(evidence, 'the template has no S3 bucket');
  },
};
