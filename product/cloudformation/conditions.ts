import { resolveValue } from './intrinsics';
import { StackLaunch } from './launch';
import { CloudFormationTemplate } from './template';

/** Whether the named condition of the template holds for a launch; fails when the template has no such condition. */
export function conditionHolds(template: CloudFormationTemplate, name: string, launch: StackLaunch = {}): boolean {
  return resolveValue(template, { Condition: name }, launch) === true;
}

/** The resources CloudFormation creates for a launch (those without a Condition, or whose Condition holds): logical ID to type. */
export function createdResources(template: CloudFormationTemplate, launch: StackLaunch = {}): Map<string, string> {
  const created = new Map<string, string>();
  for (const [logicalId, resource] of Object.entries(template.Resources)) {
    if (resource.Condition === undefined || conditionHolds(template, resource.Condition, launch)) created.set(logicalId, resource.Type);
  }
  return created;
}
