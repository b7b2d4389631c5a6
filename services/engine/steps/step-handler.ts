import { z } from 'zod';
import { Run } from '../../workspace-data/workflow';

/** What a step sees of its run while it executes. */
export interface StepContext {
  readonly run: Run;
  readonly stepId: string;
  /** The step's place in the run. */
  readonly seq: number;
  /** The same for every attempt and every resume of this step of this run: `<runId>:<seq>`. */
  readonly idempotencyKey: string;
  /** Aborted when the attempt times out, the run is cancelled or the engine loses or gives up the run. */
  readonly signal: AbortSignal;
  /** What the step recorded when it last suspended (a wait's end, an approval's execution). */
  readonly progress?: Record<string, unknown>;
  readonly now: () => number;
}

/** How a step ended: with an output (and, for a condition, the step to go to), or suspended until a time. */
export type StepOutcome =
  | { readonly output: unknown; readonly next?: string }
  | { readonly suspendUntil: number; readonly progress: Record<string, unknown> };

/** One step kind: the schema of its evaluated inputs, and what it does. */
export interface StepHandler<I = unknown> {
  readonly inputs: z.ZodType<I>;
  execute(inputs: I, context: StepContext): Promise<StepOutcome>;
}

/** A handler whose inputs type is checked where it is defined and erased where handlers are listed. */
export function stepHandler<I>(inputs: z.ZodType<I>, execute: (inputs: I, context: StepContext) => Promise<StepOutcome>): StepHandler {
  return { inputs, execute: (value, context) => execute(value as I, context) } as StepHandler;
}
