import { Check, observe, verdict } from '../lib/check';
import { referencesType, resourcesOfType } from '../../product/cloudformation';

/** Every EventBridge bus and archive is encrypted with a customer-managed KMS key from the template, not EventBridge's AWS owned key. */
export const check: Check = {
  id: 'event-bus-encrypted-with-customer-key',
  title: 'Every EventBridge event bus and archive is encrypted with a customer-managed KMS key from the template',
  evaluate(template) {
    const evidence = resourcesOfType(template, 'AWS::Events::EventBus', 'AWS::Events::Archive')
      .map(([id, resource]) => observe(id, 'KmsKeyIdentifier', resource.Properties?.KmsKeyIdentifier, referencesType(template, resource.Properties?.KmsKeyIdentifier, 'AWS::KMS::Key')));
    return verdict(evidence, 'the template has no event bus or archive');
  },
};
