import { Check, observe, verdict } from '../lib/check';
import { referencesType, resourcesOfType } from '../../product/cloudformation';

/** Every DynamoDB table is encrypted with a customer-managed KMS key that the template creates. */
export const check: Check = {
  id: 'table-encrypted-with-customer-key',
  title: 'Every DynamoDB table is encrypted at rest with a customer-managed KMS key from the template',
  evaluate(template) {
    const evidence = resourcesOfType(template, 'AWS::DynamoDB::Table').map(([id, table]) => {
      const sse = table.Properties?.SSESpecification;
      return observe(id, 'SSESpecification', sse, sse?.SSEEnabled === true && referencesType(template, sse?.KMSMasterKeyId, 'AWS::KMS::Key'));
    });
    return verdict(evidence, 'the template has no DynamoDB table');
  },
};
