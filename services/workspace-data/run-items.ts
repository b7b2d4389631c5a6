import { createHash } from 'node:crypto';
import { Run } from './workflow';

/**
 * Where runs live in the workspace table (single-table design on `pk`/`sk`):
 * - `RUN#<workflowId>` / `<requestedAt>#<runId>`: the run, in its workflow's listing, newest last;
 * - `EXECUTION#<runId>` / `RUN`: the run's address in that listing, so a run is found by its ID;
 * - `EXECUTION#<runId>` / `STEP#<seq>`: each executed step's result, in order;
 * - `QUEUE` / `<requestedAt>#<runId>`: each unfinished run, with the lease of the engine executing it;
 * - `ACTIVITY#<day>` / `<workflowId>`: the day's counts of ended runs per workflow;
 * - `FAILURES` / `<endedAt>#<runId>`: the latest failed runs.
 * Everything but the queue expires with the run.
 */

/** Runs are kept this long, then DynamoDB's TTL removes them (the table's `expiresAt` attribute). */
export const RUN_RETENTION_DAYS = 90;
export const QUEUE_PARTITION = 'QUEUE';
export const FAILURES_PARTITION = 'FAILURES';

export const runListingKey = (run: Pick<Run, 'workflowId' | 'requestedAt' | 'runId'>) => ({ pk: `RUN#${run.workflowId}`, sk: `${run.requestedAt}#${run.runId}` });
export const runPartition = (workflowId: string) => `RUN#${workflowId}`;
export const runAddressKey = (runId: string) => ({ pk: `EXECUTION#${runId}`, sk: 'RUN' });
export const executionPartition = (runId: string) => `EXECUTION#${runId}`;
export const stepKey = (runId: string, seq: number) => ({ pk: executionPartition(runId), sk: `STEP#${String(seq).padStart(4, '0')}` });
export const queueKey = (run: Pick<Run, 'requestedAt' | 'runId'>) => ({ pk: QUEUE_PARTITION, sk: `${run.requestedAt}#${run.runId}` });
export const activityKey = (day: string, workflowId: string) => ({ pk: `ACTIVITY#${day}`, sk: workflowId });

/** The TTL of everything about a run: epoch seconds, RUN_RETENTION_DAYS after it was requested. */
export const runExpiry = (requestedAt: string) => Math.floor(Date.parse(requestedAt) / 1000) + RUN_RETENTION_DAYS * 86_400;

/**
 * A run ID derived from what it must be unique for (a workflow and a scheduled minute), shaped as a
 * UUID, so a tick delivered twice names the same run and every run ID is unique in the workspace.
 */
export function derivedRunId(...parts: string[]): string {
  const hex = createHash('sha256').update(parts.join('\n')).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${((parseInt(hex[16], 16) & 3) | 8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The queue item of an unfinished run: which run, and the lease of the engine that holds it. */
export interface QueueItem {
  readonly runId: string;
  readonly workflowId: string;
  readonly requestedAt: string;
  /** Epoch ms until which an engine holds the run; 0 when free. */
  readonly leaseUntil: number;
  /** Epoch ms before which no engine takes the run (a wait or an approval); 0 when due. */
  readonly wakeAt: number;
  readonly leaseToken?: string;
  readonly leaseOwner?: string;
  readonly cancelRequested?: boolean;
  /** How often an engine has taken the run (1 on the first claim). */
  readonly claims?: number;
}
