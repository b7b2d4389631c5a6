import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CloudFormationTemplate, createdResources, resolveValue, StackLaunch } from '../cloudformation';
import { RECOVERY_VAULT_NAME } from '../workspace/parameters/disaster-recovery';
import { resourcesOfType, target, theResource, workspaceJson } from './workspace-template';

const cfn = workspaceJson as CloudFormationTemplate;
const keyWithAlias = (name: string) => target(resourcesOfType('AWS::KMS::Alias')
  .find(([, alias]) => JSON.stringify(alias.Properties!.AliasName).includes(`/${name}`))![1].Properties!.TargetKeyId);
const BACKUP_TYPES = ['AWS::Backup::BackupVault', 'AWS::Backup::BackupPlan', 'AWS::Backup::BackupSelection'];
const backupResources = () => BACKUP_TYPES.flatMap((type) => resourcesOfType(type));
const launch = (parameters: Record<string, string>, region = 'us-east-1'): StackLaunch => ({ region, accountId: '123456789012', partition: 'aws', parameters });
const plan = (name: 'Table' | 'Cluster') => theResource('AWS::Backup::BackupPlan', (properties) => properties.BackupPlan.BackupPlanRule[0].RuleName.startsWith(name));

describe('disaster recovery (EnableDisasterRecovery, off by default)', () => {
  test('with the defaults, no backup vault, plan or selection is created and nothing is copied anywhere', () => {
    const created = createdResources(cfn, launch({}));
    assert.deepEqual([...created.values()].filter((type) => type.startsWith('AWS::Backup::')), []);
    for (const [id, resource] of backupResources()) assert.equal(resource.Condition, 'DisasterRecoveryEnabled', id);
  });

  test('switched on, the vault, both plans and both selections are created', () => {
    const created = [...createdResources(cfn, launch({ EnableDisasterRecovery: 'true' })).values()];
    assert.deepEqual(BACKUP_TYPES.map((type) => created.filter((candidate) => candidate === type).length), [1, 2, 2]);
  });

  test('this Region\'s vault is encrypted with the Backup Storage key and kept when the stack goes', () => {
    const [, vault] = theResource('AWS::Backup::BackupVault');
    assert.equal(target(vault.Properties!.EncryptionKeyArn), keyWithAlias('Backup-Storage'));
    assert.equal(vault.DeletionPolicy, 'Retain');
  });

  test('the table is backed up every hour and the cluster every day by default, each copied to the recovery Region\'s vault and kept 35 days', () => {
    for (const [name, hours] of [['Table', '1'], ['Cluster', '24']] as const) {
      const rules = plan(name)[1].Properties!.BackupPlan.BackupPlanRule;
      const [rule] = resolveValue(cfn, rules.map(({ ScheduleExpression, Lifecycle, CopyActions }: any) => ({ ScheduleExpression, Lifecycle, CopyActions })),
        launch({ EnableDisasterRecovery: 'true' })) as any[];
      assert.equal(rule.ScheduleExpression, `cron(0 0/${hours} * * ? *)`, name);
      assert.deepEqual(rule.Lifecycle, { DeleteAfterDays: '35' });
      assert.deepEqual(rule.CopyActions, [{ DestinationBackupVaultArn: `arn:aws:backup:ap-south-1:123456789012:backup-vault:${RECOVERY_VAULT_NAME}`, Lifecycle: { DeleteAfterDays: '35' } }]);
    }
  });

  test('the table plan selects the table and the cluster plan the DocumentDB cluster, with a role of their own', () => {
    const selections = resourcesOfType('AWS::Backup::BackupSelection');
    const selected = (planId: string) => selections.find(([, selection]) => target(selection.Properties!.BackupPlanId) === planId)![1].Properties!.BackupSelection;
    assert.equal(target(selected(plan('Table')[0]).Resources[0]), theResource('AWS::DynamoDB::Table')[0]);
    assert.ok(JSON.stringify(selected(plan('Cluster')[0]).Resources[0]).includes(theResource('AWS::DocDB::DBCluster')[0]));
    const [roleId, role] = theResource('AWS::IAM::Role', (properties) => JSON.stringify(properties.AssumeRolePolicyDocument).includes('backup.amazonaws.com'));
    assert.equal(target(selected(plan('Table')[0]).IamRoleArn), roleId);
    assert.equal(role.Properties!.ManagedPolicyArns, undefined);
    const actions = JSON.stringify(role.Properties!.Policies);
    assert.ok(!actions.includes('ModifyDBClusterSnapshotAttribute'), 'the role cannot share snapshots with other accounts');
  });

  test('a launch that names its own Region as the recovery Region is refused before anything is created', () => {
    const { RuleCondition, Assertions } = workspaceJson.Rules.RecoveryRegionIsAnother;
    const holds = (region: string, recoveryRegion: string) => resolveValue(cfn, Assertions[0].Assert, launch({ EnableDisasterRecovery: 'true', RecoveryRegion: recoveryRegion }, region));
    assert.equal(resolveValue(cfn, RuleCondition, launch({ EnableDisasterRecovery: 'true' })), true);
    assert.equal(holds('us-east-1', 'us-east-1'), false);
    assert.equal(holds('ap-south-1', 'ap-south-1'), false);
    assert.equal(holds('us-east-1', 'ap-south-1'), true);
    assert.equal(holds('ap-south-1', 'us-east-1'), true);
    assert.match(Assertions[0].AssertDescription, /RecoveryRegion must be the other supported Region/);
  });
});
