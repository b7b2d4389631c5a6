import { Check, observe, verdict } from '../lib/check';
import { resourcesOfType } from '../../product/cloudformation';

/** Every symmetric KMS key the template creates has automatic (yearly) rotation on. */
export const check: Check = {
  id: 'keys-rotate-yearly',
  title: 'Every KMS key has automatic key rotation enabled',
  evaluate(template) {
    const evidence = resourcesOfType(template, 'AWS::KMS::Key')
      .filter(([, key]) => (key.Properties?.KeySpec ?? 'SYMMETRIC_DEFAULT') === 'SYMMETRIC_DEFAULT')
      .map(([id, key]) => observe(id, 'EnableKeyRotation', key.Properties?.EnableKeyRotation, key.Properties?.EnableKeyRotation === true));
    return verdict(evidence, 'the template creates no symmetric KMS key');
  },
};
