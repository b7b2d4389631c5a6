import type { Step, WorkflowInput } from '../api/types';

/** A bot being edited: the fields of a workflow, its steps loosely typed until the API has checked them. */
export type Draft = Omit<WorkflowInput, 'steps'> & { steps: DraftStep[] };
export type DraftStep = Omit<Step, 'inputs' | 'kind'> & { kind: string; inputs: Record<string, unknown> };

/** How often a bot runs, as the editor shows it; `rate(<n> <unit>)` to the API. */
export interface ScheduleChoice {
  readonly every?: number;
  readonly unit: 'minutes' | 'hours' | 'days';
}

export function parseSchedule(schedule: string | undefined): ScheduleChoice {
  const match = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(schedule ?? '');
  if (!match) return { unit: 'hours' };
  return { every: Number(match[1]), unit: (match[2].endsWith('s') ? match[2] : `${match[2]}s`) as ScheduleChoice['unit'] };
}

/** EventBridge's rate expression: singular for one (`rate(1 hour)`), plural otherwise. */
export function scheduleExpression(choice: ScheduleChoice): string | undefined {
  if (!choice.every) return undefined;
  return `rate(${choice.every} ${choice.every === 1 ? choice.unit.slice(0, -1) : choice.unit})`;
}

/** A new step of `kind` with an ID not yet used in the bot. */
export function newStep(kind: string, steps: DraftStep[], operation?: string): DraftStep {
  const taken = new Set(steps.map((step) => step.id));
  let number = 1;
  while (taken.has(`${kind}${number}`)) number += 1;
  return { id: `${kind}${number}`, kind, inputs: operation ? { operation } : {} };
}

/** The draft as the API takes it: empty optional fields left out. */
export function toWorkflowInput(draft: Draft): WorkflowInput {
  return {
    name: draft.name,
    ...(draft.description ? { description: draft.description } : {}),
    ...(draft.schedule ? { schedule: draft.schedule } : {}),
    ...(draft.timeoutSeconds ? { timeoutSeconds: draft.timeoutSeconds } : {}),
    steps: draft.steps as Step[],
  };
}

/** An API field (`steps.2.inputs.url`) split into the step it is on and the path inside the step. */
export function locateField(field: string): { step?: number; path: string } {
  const match = /^steps\.(\d+)(?:\.(.*))?$/.exec(field);
  return match ? { step: Number(match[1]), path: match[2] ?? '' } : { path: field };
}
