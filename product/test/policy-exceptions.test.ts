import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { GUARD_REASONS_KEY, LINT_REASONS_KEY } from '../shared/policy-exceptions';
import { LOG_RETENTION_DAYS } from '../workspace/parameters/monitoring';
import { DISABLED_GUARD_RULES } from '../../qa/policy/guard-exceptions';
import { resourcesOfType, taskDefinitionOf, workspaceJson } from './workspace-template';

/** The facts that the reasons of our accepted findings rely on, so a reason can never become untrue. */
describe('what the policy exceptions claim', () => {
  test('every log group retention the buyer can choose is at least a year', () => {
    assert.deepEqual(workspaceJson.Parameters.LogRetentionDays.AllowedValues, LOG_RETENTION_DAYS);
    for (const days of LOG_RETENTION_DAYS) assert.ok(Number(days) >= 365, days);
  });

  test('DocumentDB keeps backups at least 7 days', () => {
    assert.ok(workspaceJson.Parameters.DocumentDbBackupRetentionDays.MinValue >= 7);
  });

  test('the engine keeps at least 256 MiB under every task size, beside the sidecar\'s hard limit', () => {
    const limits = Object.values(workspaceJson.Mappings).find((mapping: any) => Object.values(mapping)[0] && 'MiB' in (Object.values(mapping)[0] as object)) as Record<string, { MiB: number }>;
    assert.ok(limits);
    for (const [size, { MiB }] of Object.entries(limits)) {
      assert.equal(MiB, Number(size) - 256);
      assert.ok(MiB >= 256, size);
    }
    const [, taskDefinition] = taskDefinitionOf('engine');
    const sidecar = taskDefinition.Properties!.ContainerDefinitions.find((container: any) => container.Name === 'metering-sidecar');
    assert.equal(sidecar.Memory, 256);
  });

  test('every accepted cfn-guard and cfn-lint finding carries its reason', () => {
    for (const [id, resource] of Object.entries(workspaceJson.Resources as Record<string, any>)) {
      for (const rule of resource.Metadata?.guard?.SuppressedRules ?? []) assert.ok(resource.Metadata[GUARD_REASONS_KEY]?.[rule]?.length > 40, `${id}: ${rule}`);
      for (const rule of resource.Metadata?.['cfn-lint']?.config?.ignore_checks ?? []) assert.ok(resource.Metadata[LINT_REASONS_KEY]?.[rule]?.length > 40, `${id}: ${rule}`);
    }
    for (const [rule, reason] of Object.entries(DISABLED_GUARD_RULES)) assert.ok(reason.length > 40, rule);
  });

  test('only the audit trail bucket is write-protected by Object Lock; the others say why not', () => {
    const locked = resourcesOfType('AWS::S3::Bucket').filter(([, bucket]) => bucket.Properties!.ObjectLockEnabled);
    assert.equal(locked.length, 1);
    assert.equal(locked[0][1].Condition, 'CloudTrailEnabled');
    assert.equal(locked[0][1].Properties!.ObjectLockConfiguration.Rule.DefaultRetention.Mode, 'GOVERNANCE');
  });
});
