import { Check, observe, verdict } from '../lib/check';
import { referencesType, resourcesOfType } from '../../product/cloudformation';

/** Every DocumentDB cluster encrypts its storage with a customer-managed KMS key that the template creates. */
export const check: Check = {
  id: 'documentdb-encrypted-with-customer-key',
  title: 'Every DocumentDB cluster encrypts its storage with a customer-managed KMS key from the template',
  evaluate(template) {
    const evidence = resourcesOfType(template, 'AWS::DocDB::DBCluster').flatMap(([id, cluster]) => [
      observe(id, 'StorageEncrypted', cluster.Properties?.StorageEncrypted, cluster.Properties?.StorageEncrypted === true),
      observe(id, 'KmsKeyId', cluster.Properties?.KmsKeyId, referencesType(template, cluster.Properties?.KmsKeyId, 'AWS::KMS::Key')),
    ]);
    return verdict(evidence, 'the template has no DocumentDB cluster');
  },
};
