import { HOUR_MS, SEND_WINDOW_MS, hourIso, hourOf } from '../hours';
import { UNTAGGED, UsageEvent } from '../usage-event';

/**
 * A sealed hour is carried forward this long before MeterUsage would refuse its timestamp, so that the
 * carry happens on a flush and never races the window's edge.
 */
export const CARRY_MARGIN_MS = 15 * 60_000;

/** What became of a sealed (hour, dimension): waiting to be sent, sent, failed for good, or carried into a later hour. */
export type RecordState = 'sealed' | 'sent' | 'failed' | 'carried';

/** Quantity of one tag set (`UNTAGGED` for untagged usage) within an hour and dimension. */
export interface UsageRow {
  readonly tags: string;
  readonly quantity: number;
}

/** One (hour, dimension) sealed for sending: its quantity is frozen and every attempt sends exactly it. */
export interface MeteringRecord {
  readonly hour: number;
  readonly dimension: string;
  readonly quantity: number;
  readonly rows: readonly UsageRow[];
  readonly state: RecordState;
  readonly attempts: number;
  /** When the next attempt is due (epoch ms). */
  readonly nextAttemptAt: number;
  readonly recordId?: string;
  readonly lastError?: string;
  /** The hour this record's usage was carried into (state `carried`). */
  readonly carriedTo?: number;
}

/** The outcome of one send attempt, stored on the record. */
export type AttemptOutcome = Pick<MeteringRecord, 'state' | 'attempts' | 'nextAttemptAt' | 'recordId' | 'lastError'>;

/** One line of GET /v1/usage/summary. */
export interface SummaryLine {
  readonly hour: string;
  readonly dimension: string;
  readonly quantity: number;
  readonly state: 'open' | RecordState;
  readonly meteringRecordId?: string;
  readonly attempts: number;
  readonly lastError?: string;
  readonly carriedTo?: string;
  readonly carriedFrom?: string[];
}

/**
 * Where usage is kept until AWS Marketplace has it: hour buckets of (hour, dimension, tags), sealed
 * records, the ids of accepted events. Mutations are called one at a time (GroupCommit serializes them).
 */
export interface MeteringLedger {
  /** Whose usage this is: the task (DynamoDB) or the ledger file (SQLite). */
  readonly owner: string;
  /** Stores the events in one atomic write; `false` marks an event whose id was already accepted. */
  record(events: readonly UsageEvent[], now: number): Promise<boolean[]>;
  /** Freezes every open (hour, dimension) that starts before `before` into a sealed record. */
  sealHoursBefore(before: number, now: number): Promise<MeteringRecord[]>;
  /** Every record still waiting to be sent. */
  sealedRecords(): Promise<MeteringRecord[]>;
  /** Stores the outcome of an attempt on a sealed record. */
  saveAttempt(record: MeteringRecord, outcome: AttemptOutcome): Promise<void>;
  /** Moves a sealed record's usage into the current open hour and marks it carried; returns the hour it went to. */
  carryForward(record: MeteringRecord, now: number): Promise<number>;
  /** Takes over the unsent usage of tasks that died (and of the workspace functions) into the current hour. */
  adoptOrphans(now: number): Promise<number>;
  summary(from: number, to: number): Promise<SummaryLine[]>;
  close(): Promise<void>;
}

/** The usage rows an event adds to its bucket. */
export function rowsOf(event: UsageEvent): UsageRow[] {
  return event.allocations ? event.allocations.map(({ tags, quantity }) => ({ tags, quantity })) : [{ tags: UNTAGGED, quantity: event.quantity }];
}

/** Whether MeterUsage still accepts `hour` at `now`, with the carry margin. */
export const withinSendWindow = (hour: number, now: number): boolean => hour + SEND_WINDOW_MS - CARRY_MARGIN_MS > now;

/**
 * The open hour that takes usage of `eventHour`: its own while it is not sealed and still sendable,
 * otherwise the current hour (or the first later one not sealed, after a shutdown sealed the current hour).
 */
export function placeHour(eventHour: number, dimension: string, now: number, isSealed: (hour: number, dimension: string) => boolean): number {
  if (withinSendWindow(eventHour, now) && !isSealed(eventHour, dimension)) return eventHour;
  let hour = Math.max(hourOf(now), eventHour);
  while (isSealed(hour, dimension)) hour += HOUR_MS;
  return hour;
}

/** Adds rows to a map of bucket key to quantity (`hour|dimension|tags`). */
export function addRows(buckets: Map<string, number>, hour: number, dimension: string, rows: readonly UsageRow[]): void {
  for (const row of rows) {
    const key = `${hour}|${dimension}|${row.tags}`;
    buckets.set(key, (buckets.get(key) ?? 0) + row.quantity);
  }
}

/**
 * The usage of one batch of events by bucket key (as {@link addRows} makes them), each event in the
 * hour {@link placeHour} gives it. The placement of each (hour, dimension) is worked out once per
 * batch, since a batch's events nearly all share a few.
 */
export class BatchBuckets {
  readonly buckets = new Map<string, number>();
  /** dimension, then event hour: the key of the bucket's untagged usage (`hour|dimension|`). */
  private readonly places = new Map<string, Map<number, string>>();

  constructor(private readonly now: number, private readonly isSealed: (hour: number, dimension: string) => boolean) {}

  add(event: UsageEvent): void {
    const untagged = this.place(hourOf(event.timestamp), event.dimension);
    if (!event.allocations) return this.addQuantity(untagged, event.quantity);
    for (const { tags, quantity } of event.allocations) this.addQuantity(`${untagged}${tags}`, quantity);
  }

  private place(eventHour: number, dimension: string): string {
    let hours = this.places.get(dimension);
    if (!hours) this.places.set(dimension, (hours = new Map()));
    let key = hours.get(eventHour);
    if (key === undefined) hours.set(eventHour, (key = `${placeHour(eventHour, dimension, this.now, this.isSealed)}|${dimension}|${UNTAGGED}`));
    return key;
  }

  private addQuantity(key: string, quantity: number): void {
    this.buckets.set(key, (this.buckets.get(key) ?? 0) + quantity);
  }
}

/** Splits a bucket key of {@link addRows}. */
export function bucketOf(key: string): { hour: number; dimension: string; tags: string } {
  const first = key.indexOf('|');
  const second = key.indexOf('|', first + 1);
  return { hour: Number(key.slice(0, first)), dimension: key.slice(first + 1, second), tags: key.slice(second + 1) };
}

/** Merges rows of the same tag set (a carried record's rows added to an hour's own). */
export function sumRows(rows: readonly UsageRow[]): UsageRow[] {
  const totals = new Map<string, number>();
  for (const row of rows) totals.set(row.tags, (totals.get(row.tags) ?? 0) + row.quantity);
  return [...totals].map(([tags, quantity]) => ({ tags, quantity }));
}

/** A summary line of a record or an open hour, with the hours carried into it. */
export function summaryLine(
  record: Pick<MeteringRecord, 'hour' | 'dimension' | 'quantity' | 'attempts' | 'recordId' | 'lastError' | 'carriedTo'> & { state: SummaryLine['state'] },
  carriedFrom: Map<string, string[]>,
): SummaryLine {
  return {
    hour: hourIso(record.hour), dimension: record.dimension, quantity: record.quantity, state: record.state,
    meteringRecordId: record.recordId, attempts: record.attempts, lastError: record.lastError,
    carriedTo: record.carriedTo === undefined ? undefined : hourIso(record.carriedTo),
    carriedFrom: carriedFrom.get(`${record.hour}|${record.dimension}`),
  };
}
