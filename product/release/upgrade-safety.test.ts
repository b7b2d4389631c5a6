import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { WORKSPACE_VERSION } from '../versions/workspace-version';
import { templatePath } from '../versions/template-files';
import { releasedVersions } from '../versions/released-versions';
import { describeViolation, upgradeViolations } from './upgrade-safety';

const released = releasedVersions();
const latest = released.at(-1)!;
const workingTree = JSON.parse(readFileSync(templatePath(WORKSPACE_VERSION), 'utf8'));

/** The latest release's template with `change` applied to a copy. */
function changed(change: (template: Record<string, any>) => void): Record<string, any> {
  const copy = structuredClone(latest.template());
  change(copy);
  return copy;
}

function logicalIdOf(template: Record<string, any>, type: string): string {
  return Object.entries(template.Resources).find(([, resource]: [string, any]) => resource.Type === type)![0];
}

describe('upgrade safety (CloudFormation resource specification, via @aws-cdk/cloudformation-diff)', () => {
  for (const [index, version] of released.slice(1).entries()) {
    test(`upgrading from ${released[index].version} to ${version.version} deletes or replaces no stateful resource`, () => {
      assert.deepEqual(upgradeViolations(released[index].template(), version.template()).map(describeViolation), []);
    });
  }

  test(`upgrading from the latest release (${latest.version}) to the working tree (${WORKSPACE_VERSION}) deletes or replaces no stateful resource`, () => {
    assert.deepEqual(upgradeViolations(latest.template(), workingTree).map(describeViolation), []);
  });

  test('when the table\'s logical ID is renamed, then the check fails naming the table and the new ID', () => {
    const table = logicalIdOf(latest.template(), 'AWS::DynamoDB::Table');
    const violations = upgradeViolations(latest.template(), changed((template) => {
      template.Resources.WorkspaceTable = template.Resources[table];
      delete template.Resources[table];
    }));
    assert.equal(violations.length, 1);
    assert.match(describeViolation(violations[0]), new RegExp(`^${table} \\(AWS::DynamoDB::Table\\): the resource is removed .* renaming the logical ID to WorkspaceTable would create a new, empty resource`));
  });

  test('when a DocumentDB cluster property that forces replacement changes, then the check names the property and why', () => {
    const cluster = logicalIdOf(latest.template(), 'AWS::DocDB::DBCluster');
    const violations = upgradeViolations(latest.template(), changed((template) => {
      template.Resources[cluster].Properties.StorageEncrypted = false;
    }));
    const onCluster = violations.filter((violation) => violation.logicalId === cluster);
    assert.deepEqual(onCluster.map(describeViolation), [`${cluster}.StorageEncrypted (AWS::DocDB::DBCluster): CloudFormation replaces the resource when this property changes`]);
    // Replacing the cluster replaces every instance in it, which the check reports too.
    assert.ok(violations.some((violation) => violation.type === 'AWS::DocDB::DBInstance' && violation.property === 'DBClusterIdentifier'));
  });

  test('when a KMS key would be replaced by a type change, then the check fails', () => {
    const key = logicalIdOf(latest.template(), 'AWS::KMS::Key');
    const violations = upgradeViolations(latest.template(), changed((template) => { template.Resources[key].Type = 'AWS::KMS::ReplicaKey'; }));
    assert.match(describeViolation(violations[0]), /its type changes to AWS::KMS::ReplicaKey, so CloudFormation replaces it/);
  });

  test('when an audit log group is removed, then the check fails; a function\'s log group may go', () => {
    const audit = upgradeViolations(latest.template(), changed((template) => { delete template.Resources.AuditTrailLogGroup28BB9333; }));
    assert.equal(audit[0]?.logicalId, 'AuditTrailLogGroup28BB9333');
    assert.deepEqual(upgradeViolations(latest.template(), changed((template) => { template.Resources.EngineLogGroup93EB7954.Properties.LogGroupClass = 'INFREQUENT_ACCESS'; })), []);
  });

  test('when only stateless resources change (a function\'s memory), then the check passes', () => {
    const fn = logicalIdOf(latest.template(), 'AWS::Lambda::Function');
    assert.deepEqual(upgradeViolations(latest.template(), changed((template) => { template.Resources[fn].Properties.MemorySize = 2048; })), []);
  });
});
