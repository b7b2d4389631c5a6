import { Check, observe, verdict } from '../lib/check';
import { referencesType, resourcesOfType } from '../../product/cloudformation';

/** Every Secrets Manager secret is encrypted with a customer-managed KMS key from the template. */
export const check: Check = {
  id: 'secrets-encrypted-with-customer-key',
  title: 'Every secret is encrypted with a customer-managed KMS key from the template',
  evaluate(template) {
    const evidence = resourcesOfType(template, 'AWS::SecretsManager::Secret')
      .map(([id, secret]) => observe(id, 'KmsKeyId', secret.Properties?.KmsKeyId, referencesType(template, secret.Properties?.KmsKeyId, 'AWS::KMS::Key')));
    return verdict(evidence, 'the template has no secret');
  },
};
