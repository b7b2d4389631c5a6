import { Check, observe, verdict } from '../lib/check';
import { resourcesOfType, valueRange } from '../../product/cloudformation';

/** The fewest days of automated backups a DocumentDB cluster may keep (AWS Control Tower CT.DOCUMENTDB.PR.2). */
export const MINIMUM_BACKUP_DAYS = 7;

/** Every DocumentDB cluster keeps automated backups for at least a week and has deletion protection on. */
export const check: Check = {
  id: 'documentdb-backups-kept',
  title: `Every DocumentDB cluster keeps at least ${MINIMUM_BACKUP_DAYS} days of backups and has deletion protection on`,
  evaluate(template) {
    const evidence = resourcesOfType(template, 'AWS::DocDB::DBCluster').flatMap(([id, cluster]) => {
      const days = cluster.Properties?.BackupRetentionPeriod;
      return [
        observe(id, 'BackupRetentionPeriod', days, (valueRange(template, days).lowest ?? 0) >= MINIMUM_BACKUP_DAYS),
        observe(id, 'DeletionProtection', cluster.Properties?.DeletionProtection, cluster.Properties?.DeletionProtection === true),
      ];
    });
    return verdict(evidence, 'the template has no DocumentDB cluster');
  },
};
