import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { UsageEvent } from '../usage-event';
import { AttemptOutcome, MeteringLedger, MeteringRecord, SummaryLine } from './ledger';
import { LedgerCall } from './sqlite-worker';

/** The worker's script: beside this module in the sources (loaded through tsx), beside the bundle in the image. */
const FROM_SOURCES = __filename.endsWith('.ts');
const WORKER_SCRIPT = join(__dirname, FROM_SOURCES ? 'sqlite-worker.ts' : 'sqlite-worker.js');

type Answer = { id: number; result?: unknown; error?: string };

/**
 * The SQLite ledger on a worker thread: the same file and transactions as SqliteLedger, with every
 * commit's fsync off the HTTP thread. Calls are answered in order; a failed call rejects with the
 * SQLite error, and a dead worker rejects everything pending.
 */
export class ThreadedSqliteLedger implements MeteringLedger {
  private readonly pending = new Map<number, { resolve: (value: any) => void; reject: (error: Error) => void }>();
  private nextId = 1;
  private closed = false;

  private constructor(private readonly worker: Worker, readonly owner: string) {
    worker.on('message', (answer: Answer) => this.settle(answer));
    worker.on('error', (error) => this.failAll(error));
    worker.on('exit', () => {
      this.closed = true;
      this.failAll(new Error('the ledger thread stopped'));
    });
  }

  /** Starts the worker and opens the file; rejects when SQLite cannot open it. */
  static open(path: string): Promise<ThreadedSqliteLedger> {
    // Loader hooks do not reach worker threads, so from the sources the worker registers tsx itself.
    const worker = FROM_SOURCES
      ? new Worker(`require('tsx/cjs/api').register(); require(${JSON.stringify(WORKER_SCRIPT)});`, { eval: true, workerData: { path } })
      : new Worker(WORKER_SCRIPT, { workerData: { path } });
    return new Promise((resolve, reject) => {
      worker.once('error', reject);
      worker.once('message', (answer: Answer) => {
        if (answer.error !== undefined) {
          void worker.terminate();
          reject(new Error(answer.error));
        } else {
          resolve(new ThreadedSqliteLedger(worker, answer.result as string));
        }
      });
    });
  }

  record(events: readonly UsageEvent[], now: number): Promise<boolean[]> { return this.call('record', events, now); }
  sealHoursBefore(before: number, now: number): Promise<MeteringRecord[]> { return this.call('sealHoursBefore', before, now); }
  sealedRecords(): Promise<MeteringRecord[]> { return this.call('sealedRecords'); }
  saveAttempt(record: MeteringRecord, outcome: AttemptOutcome): Promise<void> { return this.call('saveAttempt', record, outcome); }
  carryForward(record: MeteringRecord, now: number): Promise<number> { return this.call('carryForward', record, now); }
  adoptOrphans(now: number): Promise<number> { return this.call('adoptOrphans', now); }
  summary(from: number, to: number): Promise<SummaryLine[]> { return this.call('summary', from, to); }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.call('close');
    await this.worker.terminate();
  }

  private call<T>(method: LedgerCall['method'], ...args: unknown[]): Promise<T> {
    if (this.closed) return Promise.reject(new Error('the ledger is closed'));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, method, args } satisfies LedgerCall);
    });
  }

  private settle({ id, result, error }: Answer): void {
    const waiting = this.pending.get(id);
    this.pending.delete(id);
    if (error !== undefined) waiting?.reject(new Error(error));
    else waiting?.resolve(result);
  }

  private failAll(error: Error): void {
    for (const { reject } of this.pending.values()) reject(error);
    this.pending.clear();
  }
}
