import { Check, observe, verdict } from '../lib/check';
import { referencedIds, resourcesOfType } from '../../product/cloudformation';

/** The condition every cross-Region copy must be under, and the parameter naming its only destination. */
const DISASTER_RECOVERY = { condition: 'DisasterRecoveryEnabled', region: 'RecoveryRegion' };

/**
 * Nothing copies data to another Region unless disaster recovery is on: no bucket replication, global
 * tables or global clusters, and AWS Backup copies only under DisasterRecoveryEnabled and only into a
 * vault of the RecoveryRegion.
 */
export const check: Check = {
  id: 'no-cross-region-replication',
  title: 'No data is copied to another Region unless disaster recovery is on, and then only to the recovery Region',
  evaluate(template) {
    const replicating = (type: string, property: string) => resourcesOfType(template, type)
      .map(([id, resource]) => observe(id, property, resource.Properties?.[property], resource.Properties?.[property] === undefined));
    const global = resourcesOfType(template, 'AWS::DynamoDB::GlobalTable', 'AWS::DocDB::GlobalCluster', 'AWS::RDS::GlobalCluster')
      .map(([id, resource]) => observe(id, 'Type', resource.Type, false));
    const copies = resourcesOfType(template, 'AWS::Backup::BackupPlan').map(([id, plan]) => {
      const destinations = (plan.Properties?.BackupPlan?.BackupPlanRule ?? []).flatMap((rule: any) => rule.CopyActions ?? [])
        .map((copy: any) => copy.DestinationBackupVaultArn);
      const onlyToRecoveryRegion = destinations.every((arn: unknown) => referencedIds(arn).includes(DISASTER_RECOVERY.region));
      return observe(id, 'CopyActions', destinations, destinations.length === 0 || (plan.Condition === DISASTER_RECOVERY.condition && onlyToRecoveryRegion));
    });
    const evidence = [
      ...replicating('AWS::S3::Bucket', 'ReplicationConfiguration'),
      ...replicating('AWS::DynamoDB::Table', 'Replicas'),
      ...replicating('AWS::DocDB::DBCluster', 'GlobalClusterIdentifier'),
      ...global,
      ...copies,
    ];
    return verdict(evidence, 'the template stores no data');
  },
};
