import { z } from 'zod';
import { checkDefinition, definitionShape } from './definition/bot-definition';

/** How often a scheduled workflow runs: `rate(<n> minute[s]|hour[s]|day[s])`, as EventBridge writes it. */
export const SCHEDULE_PATTERN = /^rate\(([1-9][0-9]{0,4}) (minute|minutes|hour|hours|day|days)\)$/;

/**
 * What a client sends to create or replace a workflow: its metadata (kept in the workspace table)
 * and its step graph (kept, versioned, in DocumentDB). The API model checks the outline at the edge.
 */
export const workflowInputSchema = z.object({
  name: z.string().trim().min(1).max(200),
  description: z.string().max(2000).optional(),
  schedule: z.string().regex(SCHEDULE_PATTERN, 'must be rate(<n> minutes|hours|days), for example rate(15 minutes)').optional(),
  ...definitionShape,
}).strict().superRefine(checkDefinition);

export type WorkflowInput = z.infer<typeof workflowInputSchema>;

/** A workflow's metadata in the workspace table; its steps are the definition of `definitionVersion`. */
export interface Workflow {
  readonly workflowId: string;
  readonly name: string;
  readonly description?: string;
  readonly schedule?: string;
  /** The latest version of the definition in DocumentDB; a run records the version it ran. */
  readonly definitionVersion: number;
  readonly stepCount: number;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** What started a run: a person, the schedule, or an approved action of the approval workflow. */
export type RunTrigger = 'manual' | 'schedule' | 'approved-action';

/** Where a run is: queued until an engine claims it, waiting on a timer or an approval, then one of the ends. */
export const RUN_STATUSES = ['queued', 'running', 'waiting', 'succeeded', 'failed', 'cancelled', 'timed-out'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export const FINAL_STATUSES: ReadonlySet<RunStatus> = new Set(['succeeded', 'failed', 'cancelled', 'timed-out']);

/** Why a run failed: the step and its error. */
export interface RunError {
  readonly stepId?: string;
  readonly message: string;
}

/** One run of a workflow. */
export interface Run {
  readonly workflowId: string;
  /** Unique across the workspace; the idempotency id of the run's metered unit. */
  readonly runId: string;
  readonly trigger: RunTrigger;
  readonly status: RunStatus;
  readonly definitionVersion: number;
  readonly requestedBy: string;
  readonly requestedAt: string;
  /** What the run's expressions read as `input`. @default {} */
  readonly input?: Record<string, unknown>;
  readonly startedAt?: string;
  readonly endedAt?: string;
  readonly error?: RunError;
}

/** The period of a schedule in minutes. */
export function scheduleMinutes(schedule: string): number {
  const match = SCHEDULE_PATTERN.exec(schedule);
  if (!match) throw new Error(`schedule ${JSON.stringify(schedule)} is not rate(<n> minutes|hours|days)`);
  const unit = match[2].startsWith('minute') ? 1 : match[2].startsWith('hour') ? 60 : 1440;
  return Number(match[1]) * unit;
}

/** Whether a schedule is due in the minute that starts at `minute` (counted from the Unix epoch). */
export function isDue(schedule: string, minute: Date): boolean {
  const minutesSinceEpoch = Math.floor(minute.getTime() / 60_000);
  return minutesSinceEpoch % scheduleMinutes(schedule) === 0;
}
