import { fullDiff, ResourceDifference, ResourceImpact } from '@aws-cdk/cloudformation-diff';

/**
 * The resource types that hold the buyer's data or the keys to it: an upgrade must never delete or
 * replace one. Log groups count only when they hold audit evidence (see {@link isStateful}).
 */
export const STATEFUL_TYPES = [
  'AWS::DynamoDB::Table', 'AWS::DocDB::DBCluster', 'AWS::DocDB::DBInstance', 'AWS::S3::Bucket', 'AWS::KMS::Key',
  'AWS::SecretsManager::Secret', 'AWS::Cognito::UserPool',
];
/** Log groups whose logical ID says they hold audit evidence: the trail's, DocumentDB's audit log, API access logs. */
const AUDIT_LOG_GROUP = /Audit|AccessLog/;

/** One way an upgrade would lose a stateful resource. */
export interface UpgradeViolation {
  readonly logicalId: string;
  readonly type: string;
  /** The property whose change causes it, when one does. */
  readonly property?: string;
  readonly reason: string;
}

/** Whether a resource of `type` with this logical ID must survive every upgrade. */
export function isStateful(type: string | undefined, logicalId: string): boolean {
  if (!type) return false;
  return STATEFUL_TYPES.includes(type) || (type === 'AWS::Logs::LogGroup' && AUDIT_LOG_GROUP.test(logicalId));
}

const REPLACING: Partial<Record<ResourceImpact, string>> = {
  [ResourceImpact.WILL_REPLACE]: 'CloudFormation replaces the resource when this property changes',
  [ResourceImpact.MAY_REPLACE]: 'CloudFormation may replace the resource when this property changes (it depends on the value)',
};

/**
 * What upgrading a stack from template `before` to template `after` would delete or replace among its
 * stateful resources, according to CloudFormation's resource specification (CDK's diff engine).
 */
export function upgradeViolations(before: Record<string, any>, after: Record<string, any>): UpgradeViolation[] {
  const violations: UpgradeViolation[] = [];
  fullDiff(before, after).resources.forEachDifference((logicalId: string, change: ResourceDifference) => {
    const type = change.oldResourceType;
    if (!isStateful(type, logicalId)) return;
    violations.push(...violationsOf(logicalId, type!, change, addedOfType(before, after, type!)));
  });
  return violations;
}

/** Logical IDs of resources of `type` that only `after` has: what a renamed logical ID looks like. */
function addedOfType(before: Record<string, any>, after: Record<string, any>, type: string): string[] {
  return Object.entries(after.Resources ?? {})
    .filter(([id, resource]: [string, any]) => resource.Type === type && !(id in (before.Resources ?? {})))
    .map(([id]) => id);
}

function violationsOf(logicalId: string, type: string, change: ResourceDifference, added: string[]): UpgradeViolation[] {
  if (change.isRemoval) {
    const hint = added.length > 0 ? `; renaming the logical ID to ${added.join(' or ')} would create a new, empty resource instead` : '';
    return [{ logicalId, type, reason: `the resource is removed from the template, so CloudFormation deletes it or leaves it orphaned${hint}` }];
  }
  if (change.resourceTypeChanged) {
    return [{ logicalId, type, reason: `its type changes to ${change.newResourceType}, so CloudFormation replaces it` }];
  }
  return Object.entries(change.propertyUpdates).flatMap(([property, update]) => {
    const reason = update.changeImpact && REPLACING[update.changeImpact];
    return reason ? [{ logicalId, type, property, reason }] : [];
  });
}

/** One line per violation: resource, type, property and why. */
export function describeViolation(violation: UpgradeViolation): string {
  const where = violation.property ? `${violation.logicalId}.${violation.property}` : violation.logicalId;
  return `${where} (${violation.type}): ${violation.reason}`;
}
