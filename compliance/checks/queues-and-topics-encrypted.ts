import { Check, observe, verdict } from '../lib/check';
import { referencesType, resourcesOfType } from '../../product/cloudformation';

/** Every SNS topic and SQS queue (notifications, dead letters) is encrypted with a customer-managed KMS key. */
export const check: Check = {
  id: 'queues-and-topics-encrypted',
  title: 'Every SNS topic and SQS queue is encrypted with a customer-managed KMS key from the template',
  evaluate(template) {
    const evidence = resourcesOfType(template, 'AWS::SNS::Topic', 'AWS::SQS::Queue')
      .map(([id, resource]) => observe(id, 'KmsMasterKeyId', resource.Properties?.KmsMasterKeyId, referencesType(template, resource.Properties?.KmsMasterKeyId, 'AWS::KMS::Key')));
    return verdict(evidence, 'the template has no topic or queue');
  },
};
