import { MeteringLedger, UsageEvent } from '../ledger/ledger';
import { StorageUnavailableError } from './errors';

interface Pending {
  readonly events: readonly UsageEvent[];
  readonly resolve: (accepted: boolean[]) => void;
  readonly reject: (error: Error) => void;
}

type Job = { readonly kind: 'record'; readonly pending: Pending } | { readonly kind: 'exclusive'; readonly run: () => Promise<void> };

/**
 * Group commit: the events of every request that arrives while a write is in progress (or within the
 * same event-loop turn) are stored in one ledger transaction, and each request is answered after that
 * transaction commits. Other ledger mutations (sealing, sending outcomes, carrying forward) run between
 * batches, so the ledger sees one mutation at a time.
 */
export class GroupCommit {
  private readonly jobs: Job[] = [];
  private running = false;

  constructor(private readonly ledger: MeteringLedger, private readonly clock: () => number) {}

  /** Stores the events; resolves after commit with `false` for each duplicate id. */
  record(events: readonly UsageEvent[]): Promise<boolean[]> {
    return new Promise((resolve, reject) => this.enqueue({ kind: 'record', pending: { events, resolve, reject } }));
  }

  /** Runs `fn` alone, between record batches. */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    return new Promise((resolve, reject) => this.enqueue({ kind: 'exclusive', run: () => fn().then(resolve, reject) }));
  }

  /** Resolves once every queued job has run. */
  async drained(): Promise<void> {
    await this.exclusive(async () => undefined);
  }

  private enqueue(job: Job): void {
    this.jobs.push(job);
    if (!this.running) {
      this.running = true;
      setImmediate(() => void this.runJobs());
    }
  }

  private async runJobs(): Promise<void> {
    while (this.jobs.length > 0) {
      if (this.jobs[0].kind === 'exclusive') {
        await (this.jobs.shift() as Extract<Job, { kind: 'exclusive' }>).run();
      } else {
        await this.commit(this.takeRecordBatch());
      }
    }
    this.running = false;
  }

  private takeRecordBatch(): Pending[] {
    const batch: Pending[] = [];
    while (this.jobs[0]?.kind === 'record') batch.push((this.jobs.shift() as Extract<Job, { kind: 'record' }>).pending);
    return batch;
  }

  private async commit(batch: Pending[]): Promise<void> {
    try {
      const accepted = await this.ledger.record(batch.flatMap((pending) => pending.events), this.clock());
      let offset = 0;
      for (const pending of batch) {
        pending.resolve(accepted.slice(offset, offset + pending.events.length));
        offset += pending.events.length;
      }
    } catch (error) {
      const unavailable = new StorageUnavailableError(`the ledger could not store the events: ${(error as Error).message}`);
      for (const pending of batch) pending.reject(unavailable);
    }
  }
}
