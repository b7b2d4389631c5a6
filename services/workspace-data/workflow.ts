import { z } from 'zod';

/** How often a scheduled workflow runs: `rate(<n> minute[s]|hour[s]|day[s])`, as EventBridge writes it. */
export const SCHEDULE_PATTERN = /^rate\(([1-9][0-9]{0,4}) (minute|minutes|hour|hours|day|days)\)$/;

/** One step of a workflow: the action the engine performs and its inputs. */
export const workflowStepSchema = z.object({
  action: z.string().min(1).max(200),
  inputs: z.record(z.string(), z.unknown()).optional(),
}).strict();

/** What a client sends to create or replace a workflow (the API model checks the same at the edge). */
export const workflowInputSchema = z.object({
  name: z.string().trim().min(1).max(200),
  description: z.string().max(2000).optional(),
  schedule: z.string().regex(SCHEDULE_PATTERN, 'must be rate(<n> minutes|hours|days), for example rate(15 minutes)').optional(),
  steps: z.array(workflowStepSchema).min(1).max(200),
}).strict();

export type WorkflowInput = z.infer<typeof workflowInputSchema>;

/** A stored workflow. */
export interface Workflow extends WorkflowInput {
  readonly workflowId: string;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** What started a run. */
export type RunTrigger = 'manual' | 'schedule';

/** A request for the engine to run a workflow once; the engine takes queued runs and updates them. */
export interface Run {
  readonly workflowId: string;
  readonly runId: string;
  readonly trigger: RunTrigger;
  readonly status: 'queued' | 'running' | 'succeeded' | 'failed';
  readonly requestedBy: string;
  readonly requestedAt: string;
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
