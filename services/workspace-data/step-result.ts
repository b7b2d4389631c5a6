import { StepKind } from './definition/bot-definition';

/** What happened to one executed step of a run: kept in the table, shown by `GET .../runs/{runId}`. */
export interface StepResult {
  /** Its place in the run's execution (a step that a condition loops back to runs again under a new number). */
  readonly seq: number;
  readonly stepId: string;
  readonly kind: StepKind;
  readonly status: 'succeeded' | 'failed' | 'waiting';
  readonly startedAt: string;
  readonly endedAt?: string;
  readonly durationMs?: number;
  readonly attempts: number;
  /** The evaluated inputs, credentials by name only. */
  readonly input?: unknown;
  readonly output?: unknown;
  readonly error?: string;
  /** The step that runs next; absent at the end of the run. */
  readonly next?: string;
  /** What a waiting step needs to resume (the approval's execution, the end of a wait). */
  readonly progress?: Record<string, unknown>;
}
