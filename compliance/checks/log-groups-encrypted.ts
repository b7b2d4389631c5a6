import { Check, observe, verdict } from '../lib/check';
import { referencesType, resourcesOfType } from '../../product/cloudformation';

/** Every log group is encrypted with a customer-managed KMS key from the template. */
export const check: Check = {
  id: 'log-groups-encrypted',
  title: 'Every log group is encrypted with a customer-managed KMS key from the template',
  evaluate(template) {
    const evidence = resourcesOfType(template, 'AWS::Logs::LogGroup')
      .map(([id, group]) => observe(id, 'KmsKeyId', group.Properties?.KmsKeyId, referencesType(template, group.Properties?.KmsKeyId, 'AWS::KMS::Key')));
    return verdict(evidence, 'the template has no log group');
  },
};
