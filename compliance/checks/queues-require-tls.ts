import { Check, observe, verdict } from '../lib/check';
import { asList, referencedOfType, resourcesOfType } from '../../product/cloudformation';
import { deniesPlainHttp } from '../lib/policy-statements';

/** Every SQS queue has a queue policy that denies any request not made over TLS. */
export const check: Check = {
  id: 'queues-require-tls',
  title: 'Every SQS queue policy denies requests that do not use TLS (aws:SecureTransport)',
  evaluate(template) {
    const policies = resourcesOfType(template, 'AWS::SQS::QueuePolicy');
    const evidence = resourcesOfType(template, 'AWS::SQS::Queue').map(([id]) => {
      const policy = policies.find(([, p]) => referencedOfType(template, p.Properties?.Queues, 'AWS::SQS::Queue').includes(id));
      const denial = asList(policy?.[1].Properties?.PolicyDocument?.Statement).find((statement) => deniesPlainHttp(statement, 'sqs'));
      return observe(policy?.[0] ?? id, policy ? 'PolicyDocument (Deny aws:SecureTransport false)' : 'queue policy', denial ?? null, denial !== undefined);
    });
    return verdict(evidence, 'the template has no SQS queue');
  },
};
