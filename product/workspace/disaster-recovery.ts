import { Aws, CfnCondition, Fn, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { acceptNagFinding } from '../shared/policy-exceptions';
import { RECOVERY_VAULT_NAME } from './parameters/disaster-recovery';
import { onlyIf } from './private/only-if';
import { uniqueName } from './private/stack-suffix';

/** What {@link WorkspaceDisasterRecovery} backs up and where it copies to. */
export interface WorkspaceDisasterRecoveryProps {
  /** DisasterRecoveryEnabled: nothing here exists without it. */
  readonly condition: CfnCondition;
  /** The Region the copies go to (RecoveryRegion). */
  readonly recoveryRegion: string;
  /** Hours between table backups (TableBackupHours). */
  readonly tableBackupHours: string;
  /** Hours between cluster backups (ClusterBackupHours). */
  readonly clusterBackupHours: string;
  /** Days recovery points and their copies are kept (RecoveryPointRetentionDays). */
  readonly retentionDays: number;
  /** The workspace table and its key. */
  readonly table: { readonly arn: string; readonly key: kms.IKey };
  /** The DocumentDB cluster's identifier and its key. */
  readonly cluster: { readonly identifier: string; readonly key: kms.IKey };
  /** The Backup Storage key, which encrypts this Region's vault. */
  readonly vaultKey: kms.IKey;
}

/**
 * The disaster-recovery option: AWS Backup backs up the table and the DocumentDB cluster into a vault
 * encrypted with the Backup Storage key, each on its own schedule, and copies every recovery point to the
 * recovery vault of the other Region (made there by the recovery template). Two plans, because a plan's
 * rules apply to everything it selects.
 */
export class WorkspaceDisasterRecovery extends Construct {
  readonly vault: backup.CfnBackupVault;
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: WorkspaceDisasterRecoveryProps) {
    super(scope, id);
    this.vault = new backup.CfnBackupVault(this, 'Vault', { backupVaultName: uniqueName('workspace-backups'), encryptionKeyArn: props.vaultKey.keyArn });
    this.vault.applyRemovalPolicy(RemovalPolicy.RETAIN);
    const clusterArn = `arn:${Aws.PARTITION}:rds:${Aws.REGION}:${Aws.ACCOUNT_ID}:cluster:${props.cluster.identifier}`;
    this.role = this.backupRole(props, clusterArn);
    this.plan('Table', props.tableBackupHours, props, props.table.arn);
    this.plan('Cluster', props.clusterBackupHours, props, clusterArn);
    onlyIf(props.condition, this);
  }

  /** The recovery Region's vault, by the name the recovery template gives it. */
  static recoveryVaultArn(recoveryRegion: string): string {
    return `arn:${Aws.PARTITION}:backup:${recoveryRegion}:${Aws.ACCOUNT_ID}:backup-vault:${RECOVERY_VAULT_NAME}`;
  }

  private plan(name: string, hours: string, props: WorkspaceDisasterRecoveryProps, resourceArn: string): void {
    const lifecycle = { deleteAfterDays: props.retentionDays };
    const plan = new backup.CfnBackupPlan(this, `${name}Plan`, {
      backupPlan: {
        backupPlanName: uniqueName(`workspace-${name.toLowerCase()}`),
        backupPlanRule: [{
          ruleName: `${name}EveryFewHours`,
          targetBackupVault: this.vault.attrBackupVaultName,
          scheduleExpression: Fn.join('', ['cron(0 0/', hours, ' * * ? *)']),
          startWindowMinutes: 60,
          completionWindowMinutes: 24 * 60,
          lifecycle,
          copyActions: [{ destinationBackupVaultArn: WorkspaceDisasterRecovery.recoveryVaultArn(props.recoveryRegion), lifecycle }],
        }],
      },
    });
    new backup.CfnBackupSelection(this, `${name}Selection`, {
      backupPlanId: plan.attrBackupPlanId,
      backupSelection: { selectionName: `workspace-${name.toLowerCase()}`, iamRoleArn: this.role.roleArn, resources: [resourceArn] },
    });
  }

  /** The role AWS Backup backs up and copies with: the table's and the cluster's backup calls, the copy, and the keys through their services. */
  private backupRole(props: WorkspaceDisasterRecoveryProps, clusterArn: string): iam.Role {
    const snapshots = `arn:${Aws.PARTITION}:rds:*:${Aws.ACCOUNT_ID}:cluster-snapshot:awsbackup:*`;
    const vaults = [this.vault.attrBackupVaultArn, WorkspaceDisasterRecovery.recoveryVaultArn(props.recoveryRegion)];
    const role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('backup.amazonaws.com'),
      description: 'Lets AWS Backup back up the workspace table and DocumentDB cluster and copy the recovery points to the recovery Region.',
      inlinePolicies: {
        BackUpAndCopy: new iam.PolicyDocument({
          statements: [
            new iam.PolicyStatement({ actions: ['dynamodb:DescribeTable', 'dynamodb:CreateBackup', 'dynamodb:StartAwsBackupJob', 'dynamodb:ListTagsOfResource'], resources: [props.table.arn] }),
            new iam.PolicyStatement({ actions: ['dynamodb:DescribeBackup', 'dynamodb:DeleteBackup'], resources: [`${props.table.arn}/backup/*`] }),
            new iam.PolicyStatement({ actions: ['rds:DescribeDBClusters', 'rds:CreateDBClusterSnapshot', 'rds:AddTagsToResource', 'rds:ListTagsForResource'], resources: [clusterArn, snapshots] }),
            new iam.PolicyStatement({
              // No ModifyDBClusterSnapshotAttribute: that shares snapshots with other accounts, and the copies stay in this one.
              actions: ['rds:DescribeDBClusterSnapshots', 'rds:CopyDBClusterSnapshot', 'rds:DeleteDBClusterSnapshot'],
              resources: [snapshots],
            }),
            new iam.PolicyStatement({ actions: ['backup:DescribeBackupVault', 'backup:CopyIntoBackupVault'], resources: vaults }),
            // The recovery points it copies: AWS Backup's own (the table's) and the cluster's snapshots.
            new iam.PolicyStatement({
              actions: ['backup:CopyFromBackupVault'],
              resources: [`arn:${Aws.PARTITION}:backup:${Aws.REGION}:${Aws.ACCOUNT_ID}:recovery-point:*`, `arn:${Aws.PARTITION}:rds:${Aws.REGION}:${Aws.ACCOUNT_ID}:cluster-snapshot:awsbackup:*`],
            }),
            new iam.PolicyStatement({
              actions: ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'], resources: [props.table.key.keyArn, props.cluster.key.keyArn, props.vaultKey.keyArn],
              conditions: { StringLike: { 'kms:ViaService': ['dynamodb.*.amazonaws.com', 'rds.*.amazonaws.com', 'backup.*.amazonaws.com'] } },
            }),
            new iam.PolicyStatement({
              actions: ['kms:CreateGrant'], resources: [props.table.key.keyArn, props.cluster.key.keyArn, props.vaultKey.keyArn],
              conditions: { Bool: { 'kms:GrantIsForAWSResource': 'true' } },
            }),
          ],
        }),
      },
    });
    acceptNagFinding(role, 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:backup:<AWS::Region>:<AWS::AccountId>:recovery-point:*]',
      'The recovery points AWS Backup makes in this Region, whose IDs it generates.');
    acceptNagFinding(role, 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:rds:<AWS::Region>:<AWS::AccountId>:cluster-snapshot:awsbackup:*]',
      'The cluster snapshots AWS Backup takes in this Region, named awsbackup:<job>.');
    acceptNagFinding(role, `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:rds:*:<AWS::AccountId>:cluster-snapshot:awsbackup:*]`,
      'AWS Backup names the snapshots it takes awsbackup:<job>, in this Region and, for the copies, in the recovery Region.');
    const tableId = Stack.of(this).resolve(props.table.arn)['Fn::GetAtt'][0];
    acceptNagFinding(role, `AwsSolutions-IAM5[Resource::<${tableId}.Arn>/backup/*]`, 'The table\'s backups, which AWS Backup creates and expires.');
    return role;
  }
}
