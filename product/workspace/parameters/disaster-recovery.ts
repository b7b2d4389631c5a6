import { CfnParameter } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { LaunchWizard } from '../../shared/launch-wizard';
import { SUPPORTED_REGIONS } from '../../shared/supported-regions';
import { WizardGroup } from './wizard-group';

/** The recovery vault's name, the same in the workspace and in the recovery Region's companion stack. */
export const RECOVERY_VAULT_NAME = 'automation-workspace-recovery';

/** The launch wizard's "Disaster recovery" group: backups copied to the other supported Region. */
export class DisasterRecoveryParameters {
  /** `EnableDisasterRecovery`: back up the table and the cluster and copy each recovery point to the recovery Region. */
  readonly enable: CfnParameter;
  /** `RecoveryRegion`: the other supported Region, where the copies are kept. */
  readonly recoveryRegion: CfnParameter;
  /** `TableBackupHours`: hours between table backups (the recovery Region's RPO for the table). */
  readonly tableBackupHours: CfnParameter;
  /** `ClusterBackupHours`: hours between DocumentDB backups (the recovery Region's RPO for the cluster). */
  readonly clusterBackupHours: CfnParameter;
  /** `RecoveryPointRetentionDays`: days every recovery point and its copy are kept. */
  readonly retentionDays: CfnParameter;

  constructor(scope: Construct, wizard: LaunchWizard) {
    const group = new WizardGroup(wizard, scope, 'Disaster recovery');
    this.enable = group.flag('EnableDisasterRecovery', 'Copy backups to the recovery Region', 'false',
      'true: AWS Backup backs up the DynamoDB table and the DocumentDB cluster on the schedules below and copies every recovery point to the vault of the recovery Region (launch the recovery template there first). Nothing leaves this Region when false.');
    this.recoveryRegion = group.parameter('RecoveryRegion', {
      label: 'Recovery Region', type: 'String', default: SUPPORTED_REGIONS[1], allowedValues: SUPPORTED_REGIONS,
      description: 'The other supported Region, where the copies are kept; it must differ from the Region you launch in.',
    });
    this.tableBackupHours = group.parameter('TableBackupHours', {
      label: 'Hours between table backups', type: 'String', default: '1', allowedValues: ['1', '2', '4', '6', '12', '24'],
      description: 'How often the table is backed up and copied: the most data a Region outage can lose from the table. Within this Region point-in-time recovery keeps the last 35 days to the second.',
    });
    this.clusterBackupHours = group.parameter('ClusterBackupHours', {
      label: 'Hours between DocumentDB backups', type: 'String', default: '24', allowedValues: ['1', '2', '4', '6', '12', '24'],
      description: 'How often the DocumentDB cluster is backed up and copied: the most bot definitions and audit entries a Region outage can lose.',
    });
    this.retentionDays = group.parameter('RecoveryPointRetentionDays', {
      label: 'Days recovery points are kept', type: 'Number', default: 35, minValue: 7, maxValue: 365,
      description: 'Days every backup and its copy in the recovery Region are kept, 7 to 365.',
    });
  }
}
