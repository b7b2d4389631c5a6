import { CfnParameter } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { LaunchWizard } from '../../shared/launch-wizard';
import { WizardGroup } from './wizard-group';

/** The DocumentDB instance classes a buyer may choose (memory-optimized, as the seed's default r5.large). */
export const DOCUMENTDB_INSTANCE_CLASSES = [
  'db.t3.medium', 'db.r5.large', 'db.r5.xlarge', 'db.r5.2xlarge', 'db.r5.4xlarge',
  'db.r6g.large', 'db.r6g.xlarge', 'db.r6g.2xlarge', 'db.r6g.4xlarge',
];

/** DocumentDB instances beyond the first two are created when the buyer asks for more; at most this many. */
export const MAX_DOCUMENTDB_INSTANCES = 6;

/** The launch wizard's "Data stores" group: the DocumentDB cluster's size and backups, and the optional import/export bucket. */
export class DataStoreParameters {
  /** `DocumentDbInstanceClass`: one of {@link DOCUMENTDB_INSTANCE_CLASSES}. */
  readonly documentDbInstanceClass: CfnParameter;
  /** `DocumentDbInstanceCount`: 1 to {@link MAX_DOCUMENTDB_INSTANCES}, as a string. */
  readonly documentDbInstanceCount: CfnParameter;
  /** `DocumentDbBackupRetentionDays`. */
  readonly documentDbBackupRetentionDays: CfnParameter;
  /** `EnableBackupBucket`: true creates the bot import/export bucket. */
  readonly enableBackupBucket: CfnParameter;
  /** `BackupVersionRetentionDays`: how long replaced objects of that bucket are kept. */
  readonly backupVersionRetentionDays: CfnParameter;

  constructor(scope: Construct, wizard: LaunchWizard) {
    const group = new WizardGroup(wizard, scope, 'Data stores');
    this.documentDbInstanceClass = group.parameter('DocumentDbInstanceClass', {
      label: 'Amazon DocumentDB instance class', type: 'String', default: 'db.r5.large',
      allowedValues: DOCUMENTDB_INSTANCE_CLASSES,
      description: 'Instance class of every DocumentDB instance (bot definitions, integration configuration, audit logs).',
    });
    this.documentDbInstanceCount = group.parameter('DocumentDbInstanceCount', {
      label: 'Number of Amazon DocumentDB instances', type: 'String', default: '2',
      allowedValues: Array.from({ length: MAX_DOCUMENTDB_INSTANCES }, (_, index) => String(index + 1)),
      description: 'One primary and the rest replicas, spread over the Availability Zones; two or more keep the database available when one zone fails.',
    });
    this.documentDbBackupRetentionDays = group.parameter('DocumentDbBackupRetentionDays', {
      label: 'Amazon DocumentDB backup retention (days)', type: 'Number', default: 35, minValue: 7, maxValue: 35,
      description: 'Days of automated DocumentDB backups kept for point-in-time restore.',
    });
    this.enableBackupBucket = group.flag('EnableBackupBucket',
      'Amazon S3 bucket for bot import and export (optional)', 'true',
      'true creates the encrypted, versioned S3 bucket used to import and export bots; false leaves it out (import and export are then unavailable).');
    this.backupVersionRetentionDays = group.parameter('BackupVersionRetentionDays', {
      label: 'Days to keep replaced bot exports', type: 'Number', default: 90, minValue: 1, maxValue: 3650,
      description: 'Superseded (noncurrent) versions of objects in the import/export bucket are deleted after this many days.',
    });
  }
}
