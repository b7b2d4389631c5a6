import { Check, observe, verdict } from '../lib/check';
import { resourcesOfType } from '../../product/cloudformation';

/** Resource types that hold data or the keys to it, and the policies that keep them. */
const KEPT: Record<string, string[]> = {
  'AWS::DynamoDB::Table': ['Retain'],
  'AWS::DocDB::DBCluster': ['Retain', 'Snapshot'],
  'AWS::S3::Bucket': ['Retain'],
  'AWS::KMS::Key': ['Retain'],
  'AWS::Logs::LogGroup': ['Retain'],
  'AWS::Cognito::UserPool': ['Retain'],
  'AWS::SecretsManager::Secret': ['Retain'],
};

/** Deleting or replacing the stack never deletes data: every stateful resource is retained or snapshotted. */
export const check: Check = {
  id: 'stateful-resources-retained',
  title: 'Every data store, key, log group, user pool and secret is retained (or snapshotted) on stack deletion and replacement',
  evaluate(template) {
    const evidence = resourcesOfType(template, ...Object.keys(KEPT)).flatMap(([id, resource]) => [
      observe(id, 'DeletionPolicy', resource.DeletionPolicy, KEPT[resource.Type].includes(resource.DeletionPolicy ?? 'Delete')),
      observe(id, 'UpdateReplacePolicy', resource.UpdateReplacePolicy, KEPT[resource.Type].includes(resource.UpdateReplacePolicy ?? 'Delete')),
    ]);
    return verdict(evidence, 'the template has no stateful resource');
  },
};
