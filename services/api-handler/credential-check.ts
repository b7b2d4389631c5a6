import type { WorkflowInput } from '../workspace-data/workflow';
import { ApiError } from './responses';

/** Where the integration credentials' names come from. @default - not checked (a run checks them) */
export interface CredentialNames {
  readonly credentialNames?: () => Promise<string[]>;
}

/**
 * Refuses a workflow whose steps name a credential the integration credentials secret does not hold,
 * naming the field (`prefix` goes before it, for a bot inside an imported file).
 */
export async function checkCredentials(input: WorkflowInput, context: CredentialNames, prefix = ''): Promise<void> {
  if (!context.credentialNames) return;
  const known = new Set(await context.credentialNames());
  for (const { field, name } of credentialReferences(input.steps)) {
    if (!known.has(name)) throw new ApiError(400, 'unknown_credential', `${prefix}${field}: the integration credentials secret holds no credential named ${JSON.stringify(name)}; add it to the secret first`, `${prefix}${field}`);
  }
}

/** Every literal credential name in the steps (an action's, inside an approval, included), with its field. */
function credentialReferences(value: unknown, path: string[] = ['steps']): { field: string; name: string }[] {
  if (typeof value !== 'object' || value === null) return [];
  const found: { field: string; name: string }[] = [];
  for (const [key, item] of Object.entries(value)) {
    const field = [...path, key];
    if (key === 'credential' && typeof item === 'string' && !item.trim().startsWith('{%')) found.push({ field: field.join('.'), name: item });
    else if (key === 'credential' && typeof item === 'object' && item !== null && typeof (item as { name?: unknown }).name === 'string') found.push({ field: [...field, 'name'].join('.'), name: (item as { name: string }).name });
    else found.push(...credentialReferences(item, field));
  }
  return found;
}
