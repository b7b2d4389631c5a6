import type { WorkflowInput } from './workflow';

/**
 * A bot as another workspace imports it: its definition, name, description and schedule, none of this
 * workspace's IDs, versions or authors. The console's file export and the API's bucket export both
 * write this; it imports nothing at run time, so the console bundles it without the schemas.
 */
export function portableBot(bot: WorkflowInput): WorkflowInput {
  const { name, description, schedule, steps, timeoutSeconds } = bot;
  return { name, ...(description ? { description } : {}), ...(schedule ? { schedule } : {}), steps, ...(timeoutSeconds ? { timeoutSeconds } : {}) };
}

/** A bot's name as the stem of its file name: lower case, words joined by dashes (`bot` when none are left). */
export function botFileStem(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'bot';
}
