import {
  MarketplaceMeteringClient, MeterUsageCommand, RegisterUsageCommand, UsageAllocation,
} from '@aws-sdk/client-marketplace-metering';
import { createHash } from 'node:crypto';
import { withinSendWindow } from '../ledger/hour-buckets';
import { HOUR_MS, hourIso, hourOf } from '../ledger/hours';
import { MeteringLedger, MeteringRecord, UNTAGGED } from '../ledger/ledger';
import { GroupCommit } from './group-commit';
import { Logger } from './log';
import { MeteringMetrics } from './metrics';

/** Errors worth retrying: the record stays sealed and is sent again, with the same quantity, after a backoff. */
const RETRYABLE = new Set(['ThrottlingException', 'InternalServiceErrorException', 'CustomerNotEntitledException', 'TimeoutError', 'RequestTimeout']);

/** Options of {@link UsageReporter}. */
export interface UsageReporterOptions {
  readonly ledger: MeteringLedger;
  readonly queue: GroupCommit;
  readonly client: MarketplaceMeteringClient;
  readonly productCode: string;
  readonly clock: () => number;
  readonly log: Logger;
  readonly metrics: MeteringMetrics;
  /** How long after an hour ends its buckets stay open for late requests. @default 5 minutes */
  readonly graceMs?: number;
  /** First retry delay; doubles per attempt up to `maxBackoffMs`, with full jitter. @default 2 seconds */
  readonly baseBackoffMs?: number;
  /** @default 5 minutes */
  readonly maxBackoffMs?: number;
  /** Jitter source in [0, 1). @default Math.random */
  readonly random?: () => number;
}

/**
 * Seals hours that ended, sends each sealed (hour, dimension) with one MeterUsage call (retrying the
 * identical request with backoff), carries hours about to leave the 6-hour window into the current hour,
 * and tracks entitlement.
 */
export class UsageReporter {
  /** False after CustomerNotEntitled until a call succeeds. */
  entitled = true;
  private flushing: Promise<void> = Promise.resolve();
  private halted = false;

  constructor(private readonly options: UsageReporterOptions) {}

  /** One pass: adopt orphans, seal ended hours, carry old ones forward, send what is due. Passes never overlap. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.pass(false));
    return this.flushing;
  }

  /** At shutdown: seal the current hour too and send everything until it is sent or `deadline` (epoch ms, real time) passes. */
  async flushAll(deadline: number): Promise<number> {
    await this.flushing;
    const { queue, ledger } = this.options;
    await queue.exclusive(() => ledger.sealHoursBefore(hourOf(this.options.clock()) + HOUR_MS, this.options.clock()));
    for (let round = 0; Date.now() < deadline; round += 1) {
      await this.pass(true);
      const left = (await ledger.sealedRecords()).length;
      if (left === 0) return 0;
      await new Promise((resolve) => setTimeout(resolve, Math.min(this.backoff(round), Math.max(0, deadline - Date.now()))));
    }
    return (await ledger.sealedRecords()).length;
  }

  /** Stops RegisterUsage retries (at shutdown). */
  halt(): void {
    this.halted = true;
  }

  /** Hourly pricing: RegisterUsage once at start (AWS meters task-hours itself), retried until AWS answers for good or halt(). */
  async registerUsage(): Promise<boolean> {
    const { client, productCode, log, metrics } = this.options;
    for (let attempt = 0; !this.halted; attempt += 1) {
      try {
        await client.send(new RegisterUsageCommand({ ProductCode: productCode, PublicKeyVersion: 1 }));
        this.setEntitled(true);
        metrics.increment('metering_send_attempts_total', 1, { outcome: 'registered' });
        log('info', 'RegisterUsage accepted; AWS Marketplace meters this task by the hour');
        return true;
      } catch (error) {
        const name = errorName(error);
        metrics.increment('metering_send_attempts_total', 1, { outcome: name });
        if (name === 'CustomerNotEntitledException') this.setEntitled(false);
        if (!isRetryable(error)) {
          log('alarm', 'RegisterUsage failed for good', { error: name, detail: (error as Error).message });
          return false;
        }
        await new Promise((resolve) => setTimeout(resolve, this.backoff(attempt)).unref());
      }
    }
    return false;
  }

  private async pass(ignoreSchedule: boolean): Promise<void> {
    const { queue, ledger, clock, graceMs = 5 * 60_000 } = this.options;
    const adopted = await queue.exclusive(() => ledger.adoptOrphans(clock()));
    if (adopted > 0) this.options.log('info', 'adopted unsent usage of stopped tasks into the current hour', { buckets: adopted });
    await queue.exclusive(() => ledger.sealHoursBefore(hourOf(clock() - graceMs), clock()));
    for (const record of await ledger.sealedRecords()) {
      if (!withinSendWindow(record.hour, clock())) await this.carryForward(record, 'the 6-hour window of MeterUsage is closing');
      else if (ignoreSchedule || record.nextAttemptAt <= clock()) await this.send(record);
    }
    this.updateBacklogAge(await ledger.sealedRecords());
  }

  private async send(record: MeteringRecord): Promise<void> {
    const { client, productCode, queue, ledger, clock, metrics, log } = this.options;
    const started = performance.now();
    const attempts = record.attempts + 1;
    try {
      const result = await client.send(new MeterUsageCommand({
        ProductCode: productCode,
        Timestamp: new Date(record.hour),
        UsageDimension: record.dimension,
        UsageQuantity: record.quantity,
        UsageAllocations: allocationsOf(record),
        ClientToken: this.clientToken(record),
      }));
      metrics.observeSendSeconds((performance.now() - started) / 1000);
      await queue.exclusive(() => ledger.saveAttempt(record, { state: 'sent', attempts, nextAttemptAt: clock(), recordId: result.MeteringRecordId }));
      metrics.increment('metering_records_sent_total');
      metrics.increment('metering_send_attempts_total', 1, { outcome: 'sent' });
      this.setEntitled(true);
      log('info', 'usage record sent', { hour: hourIso(record.hour), dimension: record.dimension, quantity: record.quantity, meteringRecordId: result.MeteringRecordId, attempts });
    } catch (error) {
      await this.handleFailure(record, attempts, error);
    }
  }

  private async handleFailure(record: MeteringRecord, attempts: number, error: unknown): Promise<void> {
    const { queue, ledger, clock, metrics, log } = this.options;
    const name = errorName(error);
    const lastError = `${name}: ${(error as Error).message}`.slice(0, 500);
    metrics.increment('metering_send_attempts_total', 1, { outcome: name });
    if (name === 'TimestampOutOfBoundsException') return this.carryForward(record, lastError);
    if (name === 'CustomerNotEntitledException') this.setEntitled(false);
    const where = { hour: hourIso(record.hour), dimension: record.dimension, quantity: record.quantity, attempts, error: lastError };
    if (isRetryable(error)) {
      const nextAttemptAt = clock() + this.backoff(attempts - 1);
      await queue.exclusive(() => ledger.saveAttempt(record, { state: 'sealed', attempts, nextAttemptAt, lastError }));
      log('warn', 'usage record not sent yet; retrying the identical request later', { ...where, nextAttemptAt: new Date(nextAttemptAt).toISOString() });
      return;
    }
    await queue.exclusive(() => ledger.saveAttempt(record, { state: 'failed', attempts, nextAttemptAt: clock(), lastError }));
    metrics.increment('metering_records_failed_total', 1, { error: name });
    log('alarm', 'usage record failed for good and needs an operator; it is kept in the ledger as failed', where);
  }

  private async carryForward(record: MeteringRecord, reason: string): Promise<void> {
    const { queue, ledger, clock, metrics, log } = this.options;
    const into = await queue.exclusive(() => ledger.carryForward(record, clock()));
    metrics.increment('metering_records_carried_forward_total');
    log('warn', 'usage record carried forward into a later hour', { hour: hourIso(record.hour), dimension: record.dimension, quantity: record.quantity, into: hourIso(into), reason });
  }

  private setEntitled(entitled: boolean): void {
    if (this.entitled !== entitled) this.options.log(entitled ? 'info' : 'alarm', entitled ? 'AWS Marketplace confirms the entitlement' : 'AWS Marketplace says the customer is not entitled; usage is still recorded');
    this.entitled = entitled;
    this.options.metrics.entitled = entitled ? 1 : 0;
  }

  private updateBacklogAge(sealed: MeteringRecord[]): void {
    const oldest = Math.min(...sealed.map((record) => record.hour));
    this.options.metrics.backlogAgeSeconds = sealed.length === 0 ? 0 : Math.max(0, Math.round((this.options.clock() - oldest - HOUR_MS) / 1000));
  }

  private backoff(attempt: number): number {
    const { baseBackoffMs = 2000, maxBackoffMs = 5 * 60_000, random = Math.random } = this.options;
    const ceiling = Math.min(maxBackoffMs, baseBackoffMs * 2 ** Math.min(attempt, 20));
    return Math.max(baseBackoffMs / 2, Math.floor(random() * ceiling));
  }

  /** The same token for every attempt of one record, so a changed request could never pass as a retry. */
  private clientToken(record: MeteringRecord): string {
    const hex = createHash('sha256').update(`${this.options.ledger.owner}|${record.hour}|${record.dimension}`).digest('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
  }
}

/** Allocations when any usage is tagged (untagged usage becomes an allocation without tags, so they sum to the quantity). */
function allocationsOf(record: MeteringRecord): UsageAllocation[] | undefined {
  if (record.rows.every((row) => row.tags === UNTAGGED)) return undefined;
  return record.rows.map((row) => ({
    AllocatedUsageQuantity: row.quantity,
    Tags: row.tags === UNTAGGED ? undefined : (JSON.parse(row.tags) as [string, string][]).map(([Key, Value]) => ({ Key, Value })),
  }));
}

function errorName(error: unknown): string {
  return (error as Error)?.name || 'Error';
}

/** Throttling, server errors, timeouts and network failures (no HTTP answer at all). */
function isRetryable(error: unknown): boolean {
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return RETRYABLE.has(errorName(error)) || status === undefined || status >= 500;
}
