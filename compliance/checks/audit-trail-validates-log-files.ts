import { Check, observe, verdict } from '../lib/check';
import { referencesType, resourcesOfType } from '../../product/cloudformation';

/** Every CloudTrail trail signs digest files, so any change to a delivered log file can be detected, and encrypts them. */
export const check: Check = {
  id: 'audit-trail-validates-log-files',
  title: 'Every CloudTrail trail has log file integrity validation on and encrypts its logs with a customer-managed key',
  evaluate(template) {
    const evidence = resourcesOfType(template, 'AWS::CloudTrail::Trail').flatMap(([id, trail]) => [
      observe(id, 'EnableLogFileValidation', trail.Properties?.EnableLogFileValidation, trail.Properties?.EnableLogFileValidation === true),
      observe(id, 'KMSKeyId', trail.Properties?.KMSKeyId, referencesType(template, trail.Properties?.KMSKeyId, 'AWS::KMS::Key')),
    ]);
    return verdict(evidence, 'the template has no CloudTrail trail');
  },
};
