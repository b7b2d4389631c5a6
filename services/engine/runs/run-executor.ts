import {
  DEFAULT_RUN_TIMEOUT_SECONDS, DEFAULT_STEP_TIMEOUT_SECONDS, Definition, MAX_EXECUTED_STEPS, retryDelayMs, retryPolicy, Step,
} from '../../workspace-data/definition/bot-definition';
import { AuditLog } from '../../workspace-data/documents/audit-log';
import { BotDefinitionStore } from '../../workspace-data/documents/bot-definitions';
import { StepResult } from '../../workspace-data/step-result';
import { FINAL_STATUSES, Run, RunError } from '../../workspace-data/workflow';
import { MeteringClient } from '../metering-client';
import { RunEvents } from '../run-events';
import { evaluateInputs, RunDocument } from '../steps/expressions';
import { StepError } from '../steps/step-error';
import { StepHandler, StepOutcome } from '../steps/step-handler';
import { Lease, LeaseLostError, RunQueue } from './run-queue';
import { CancelRequested, EngineStopping, RunTimedOut } from './stop-reasons';

/** A step output larger than this fails the step: results are kept in the table (400 KB items). */
export const MAX_STEP_OUTPUT_BYTES = 256 * 1024;

/** A run that could not proceed (the sidecar, the table or DocumentDB unreachable) is taken up again after this. */
export const RETRY_INTERRUPTED_MS = 5000;

/** The step kinds' handlers for one run; transform and condition read the run's document. */
export type StepHandlers = (document: () => RunDocument) => Record<Step['kind'], StepHandler>;

/** What {@link RunExecutor} needs. */
export interface RunExecutorDependencies {
  readonly queue: RunQueue;
  readonly definitions: BotDefinitionStore;
  readonly audit: AuditLog;
  readonly metering: MeteringClient;
  readonly events: RunEvents;
  readonly handlers: StepHandlers;
  /** How often a held run's lease is renewed (a third of the lease). */
  readonly heartbeatMs: number;
  readonly log: (entry: Record<string, unknown>) => void;
  readonly now?: () => number;
  /** @default setTimeout-based */
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

/** Where a run resumes: the step, its place, and what it recorded if it was waiting. */
interface Position {
  readonly step?: Step;
  readonly seq: number;
  readonly progress?: Record<string, unknown>;
  readonly executed: number;
}

/**
 * Executes one claimed run to its end, or until it waits, or until the engine stops or loses it.
 * Each step's result is checkpointed before the next step starts, so a run resumed by another
 * engine continues after its last completed step and repeats none. The run's one AutomationRuns
 * unit is reported, with the run ID as its id, before its first step: a resumed run is billed once,
 * a run that never starts not at all.
 */
export class RunExecutor {
  private readonly now: () => number;
  private readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;

  constructor(private readonly deps: RunExecutorDependencies) {
    this.now = deps.now ?? Date.now;
    this.sleep = deps.sleep ?? abortableSleep;
  }

  /** Executes the run; `engineStop` aborts with {@link EngineStopping} when the engine gives the run up. */
  async execute(lease: Lease, engineStop: AbortSignal): Promise<void> {
    const control = new AbortController();
    const forward = () => control.abort(engineStop.reason);
    engineStop.addEventListener('abort', forward, { once: true });
    const heartbeat = setInterval(() => void this.beat(lease, control), this.deps.heartbeatMs);
    try {
      await this.executeHeld(lease, control);
    } catch (error) {
      await this.settleInterrupted(lease, error, control.signal);
    } finally {
      clearInterval(heartbeat);
      engineStop.removeEventListener('abort', forward);
    }
  }

  private async executeHeld(lease: Lease, control: AbortController): Promise<void> {
    const { queue } = this.deps;
    let run = await queue.run(lease);
    if (FINAL_STATUSES.has(run.status)) return;
    if (lease.item.cancelRequested) return this.finish(lease, run, 'cancelled');
    const stored = await this.deps.definitions.get(run.workflowId, run.definitionVersion);
    if (!stored) return this.finish(lease, run, 'failed', { message: `version ${run.definitionVersion} of the workflow's definition is missing from DocumentDB` });
    const results = await queue.steps(run.runId);
    const position = resume(stored.definition, results);
    if (!position) return this.finishFromHistory(lease, run, results);
    run = await this.start(lease, run);
    const deadline = Date.parse(run.startedAt!) + (stored.definition.timeoutSeconds ?? DEFAULT_RUN_TIMEOUT_SECONDS) * 1000;
    const timer = setTimeout(() => control.abort(new RunTimedOut()), Math.max(0, deadline - this.now()));
    try {
      await this.executeSteps(lease, run, stored.definition, results, position, control.signal);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Reports the run's unit (once per run ID) and marks it running; a resumed run only turns running again. */
  private async start(lease: Lease, run: Run & { meteredAt?: string }): Promise<Run> {
    const at = new Date(this.now()).toISOString();
    if (!run.meteredAt) await this.deps.metering.record('AutomationRuns', run.runId);
    await this.deps.queue.markRunning(lease, at, !run.meteredAt);
    if (!run.startedAt) {
      await this.deps.audit.append({ actor: run.requestedBy, action: 'run.started', target: `run/${run.runId}`, outcome: 'success', at: new Date(at), detail: { workflowId: run.workflowId, definitionVersion: run.definitionVersion, trigger: run.trigger } });
    }
    await this.deps.events.changed(run, 'running');
    return { ...run, startedAt: run.startedAt ?? at, status: 'running' };
  }

  private async executeSteps(lease: Lease, run: Run, definition: Definition, results: StepResult[], position: Position, signal: AbortSignal): Promise<void> {
    const outputs = outputsOf(results);
    const document = (): RunDocument => ({ input: run.input ?? {}, steps: { ...outputs }, run: { id: run.runId, workflowId: run.workflowId, trigger: run.trigger } });
    const handlers = this.deps.handlers(document);
    let { step, seq, progress, executed } = position;
    while (step) {
      signal.throwIfAborted();
      if (executed >= MAX_EXECUTED_STEPS) {
        return this.finish(lease, run, 'failed', { stepId: step.id, message: `the run executed ${MAX_EXECUTED_STEPS} steps, the most a run may; check the conditions that loop back` });
      }
      const startedAt = this.now();
      const attempt = await this.attemptStep(step, handlers[step.kind], document(), run, seq, progress, signal);
      const base = { seq, stepId: step.id, kind: step.kind, startedAt: new Date(startedAt).toISOString(), attempts: attempt.attempts, input: attempt.input };
      if ('error' in attempt) {
        await this.deps.queue.recordStep(lease, { ...base, status: 'failed', endedAt: new Date(this.now()).toISOString(), durationMs: this.now() - startedAt, error: attempt.error });
        return this.finish(lease, run, 'failed', { stepId: step.id, message: attempt.error });
      }
      const { outcome } = attempt;
      if ('suspendUntil' in outcome) {
        await this.deps.queue.recordStep(lease, { ...base, status: 'waiting', progress: outcome.progress });
        await this.deps.queue.suspend(lease, outcome.suspendUntil);
        await this.deps.events.changed(run, 'waiting', { stepId: step.id, until: new Date(outcome.suspendUntil).toISOString() });
        return;
      }
      const next = outcome.next ?? followingStep(definition, step);
      await this.deps.queue.recordStep(lease, {
        ...base, status: 'succeeded', endedAt: new Date(this.now()).toISOString(), durationMs: this.now() - startedAt, output: outcome.output, next,
      });
      outputs[step.id] = outcome.output;
      step = next === undefined ? undefined : definition.steps.find((candidate) => candidate.id === next);
      seq += 1;
      executed += 1;
      progress = undefined;
    }
    await this.finish(lease, run, 'succeeded');
  }

  /** One step with its inputs evaluated and checked, retried by its policy; resolves with the outcome or the final error. */
  private async attemptStep(step: Step, handler: StepHandler, document: RunDocument, run: Run, seq: number, progress: Record<string, unknown> | undefined, signal: AbortSignal):
    Promise<{ attempts: number; input?: unknown; outcome: StepOutcome } | { attempts: number; input?: unknown; error: string }> {
    let input: unknown;
    try {
      input = await evaluateInputs(step.inputs, document);
    } catch (error) {
      return { attempts: 1, error: `steps.${step.id}.${(error as Error).message}` };
    }
    const parsed = handler.inputs.safeParse(input);
    if (!parsed.success) {
      const [issue] = parsed.error.issues;
      return { attempts: 1, input, error: `steps.${step.id}.inputs${issue.path.length ? `.${issue.path.join('.')}` : ''}: ${issue.message} (as evaluated)` };
    }
    const policy = retryPolicy(step);
    const timeoutMs = (step.timeoutSeconds ?? DEFAULT_STEP_TIMEOUT_SECONDS) * 1000;
    for (let attempts = 1; ; attempts += 1) {
      const attemptSignal = AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]);
      try {
        const outcome = await handler.execute(parsed.data, {
          run, stepId: step.id, seq, idempotencyKey: `${run.runId}:${seq}`, signal: attemptSignal, progress, now: this.now,
        });
        const size = 'output' in outcome ? Buffer.byteLength(JSON.stringify(outcome.output ?? null)) : 0;
        if (size > MAX_STEP_OUTPUT_BYTES) return { attempts, input, error: `the step's output is ${size} bytes; a step may return at most ${MAX_STEP_OUTPUT_BYTES} (select fewer fields, or add a transform)` };
        return { attempts, input, outcome };
      } catch (caught) {
        if (signal.aborted) throw signal.reason;
        const error = attemptSignal.aborted && !(caught instanceof StepError)
          ? new StepError(`the step did not finish within its ${timeoutMs / 1000} s timeout`)
          : asStepError(caught);
        if (!error.retryable || attempts >= policy.maxAttempts) return { attempts, input, error: error.message };
        await this.sleep(retryDelayMs(policy, attempts, error.retryAfterMs), signal);
      }
    }
  }

  /** A run whose history already reaches its end (the engine stopped between the last step and the end). */
  private async finishFromHistory(lease: Lease, run: Run, results: StepResult[]): Promise<void> {
    const last = results.at(-1);
    if (last?.status === 'failed') return this.finish(lease, run, 'failed', { stepId: last.stepId, message: last.error ?? 'the step failed' });
    return this.finish(lease, run, 'succeeded');
  }

  private async finish(lease: Lease, run: Run, status: 'succeeded' | 'failed' | 'cancelled' | 'timed-out', error?: RunError): Promise<void> {
    const endedAt = new Date(this.now()).toISOString();
    await this.deps.queue.end(lease, status, endedAt, error);
    await this.deps.events.changed(run, status, error ? { error } : {});
    await this.deps.audit.append({
      actor: run.requestedBy, action: 'run.ended', target: `run/${run.runId}`, outcome: status === 'succeeded' ? 'success' : 'failure', at: new Date(endedAt),
      detail: { workflowId: run.workflowId, status, ...(error?.stepId ? { stepId: error.stepId } : {}), ...(error ? { error: error.message.slice(0, 500) } : {}) },
    });
    this.deps.log({ level: status === 'succeeded' ? 'info' : 'warn', message: 'run ended', runId: run.runId, workflowId: run.workflowId, status, error });
  }

  /** What happens when a run is interrupted: ended when cancelled or timed out, released when the engine stops, left alone when lost. */
  private async settleInterrupted(lease: Lease, error: unknown, signal: AbortSignal): Promise<void> {
    const reason: unknown = signal.aborted ? signal.reason : error;
    if (reason instanceof LeaseLostError || error instanceof LeaseLostError) {
      this.deps.log({ level: 'warn', message: 'run lost to another engine', runId: lease.item.runId });
      return;
    }
    try {
      const run = await this.deps.queue.run(lease);
      if (reason instanceof CancelRequested) return await this.finish(lease, run, 'cancelled');
      if (reason instanceof RunTimedOut) return await this.finish(lease, run, 'timed-out', { message: 'the run did not finish within its timeoutSeconds' });
      if (reason instanceof EngineStopping) return await this.deps.queue.release(lease);
      this.deps.log({ level: 'error', message: `run interrupted; retried in ${RETRY_INTERRUPTED_MS / 1000} s`, runId: lease.item.runId, error: String(error) });
      await this.deps.queue.release(lease, this.now() + RETRY_INTERRUPTED_MS);
    } catch (settling) {
      this.deps.log({ level: 'error', message: 'run could not be settled; its lease will expire', runId: lease.item.runId, error: String(settling) });
    }
  }

  private async beat(lease: Lease, control: AbortController): Promise<void> {
    try {
      const item = await this.deps.queue.heartbeat(lease);
      if (item.cancelRequested && !control.signal.aborted) control.abort(new CancelRequested());
    } catch (error) {
      if (error instanceof LeaseLostError && !control.signal.aborted) control.abort(error);
    }
  }
}

/** Where to go on from a run's history; undefined when it has already reached its end. */
function resume(definition: Definition, results: StepResult[]): Position | undefined {
  const last = results.at(-1);
  const find = (id: string) => definition.steps.find((step) => step.id === id);
  if (!last) return { step: definition.steps[0], seq: 1, executed: 0 };
  if (last.status === 'waiting') return { step: find(last.stepId), seq: last.seq, progress: last.progress, executed: results.length - 1 };
  if (last.status === 'failed' || last.next === undefined) return undefined;
  return { step: find(last.next), seq: last.seq + 1, executed: results.length };
}

function outputsOf(results: StepResult[]): Record<string, unknown> {
  const outputs: Record<string, unknown> = {};
  for (const result of results) if (result.status === 'succeeded') outputs[result.stepId] = result.output;
  return outputs;
}

function followingStep(definition: Definition, step: Step): string | undefined {
  if (step.end) return undefined;
  if (step.next) return step.next;
  const index = definition.steps.indexOf(step);
  return definition.steps[index + 1]?.id;
}

function asStepError(error: unknown): StepError {
  if (error instanceof StepError) return error;
  return new StepError(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => { clearTimeout(timer); reject(signal.reason); }, { once: true });
  });
}
