import { Check, observe, verdict } from '../lib/check';
import { asList, referenceTarget, resourcesOfType } from '../lib/template';

function deniesPlainHttp(statement: any): boolean {
  const insecure = statement?.Condition?.Bool?.['aws:SecureTransport'];
  return statement?.Effect === 'Deny' && (insecure === 'false' || insecure === false)
    && asList(statement.Action).some((action) => action === 's3:*' || action === '*');
}

/** Every S3 bucket has a bucket policy that denies any request not made over TLS. */
export const check: Check = {
  id: 'buckets-require-tls',
  title: 'Every S3 bucket policy denies requests that do not use TLS (aws:SecureTransport)',
  evaluate(template) {
    const policies = resourcesOfType(template, 'AWS::S3::BucketPolicy');
    const evidence = resourcesOfType(template, 'AWS::S3::Bucket').map(([id]) => {
      const policy = policies.find(([, p]) => referenceTarget(p.Properties?.Bucket) === id);
      const statements = asList(policy?.[1].Properties?.PolicyDocument?.Statement);
      const denial = statements.find(deniesPlainHttp);
      return observe(policy?.[0] ?? id, policy ? 'PolicyDocument (Deny aws:SecureTransport false)' : 'bucket policy', denial ?? null, denial !== undefined);
    });
    return verdict(evidence, 'the template has no S3 bucket');
  },
};
