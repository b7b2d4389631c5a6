/**
 * Hour buckets as every ledger keeps them: usage is added to (hour, dimension, tag set) buckets, each
 * event placed in its own hour or a later open one; an ended hour is sealed into a record; a record is
 * carried (or another owner's usage adopted) into the current open hour; the summary lists both. The
 * SQLite and DynamoDB ledgers differ only in how they store the buckets and records.
 */
import { HOUR_MS, SEND_WINDOW_MS, hourIso, hourOf } from './hours';
import { MeteringRecord, SummaryLine, UNTAGGED, UsageEvent, UsageRow } from './ledger';

/**
 * A sealed hour is carried forward this long before MeterUsage would refuse its timestamp, so that the
 * carry happens on a flush and never races the window's edge.
 */
export const CARRY_MARGIN_MS = 15 * 60_000;

/** Whether an (hour, dimension) is sealed, so that it takes no more usage. */
export type IsSealed = (hour: number, dimension: string) => boolean;

const hourKey = (hour: number, dimension: string) => `${hour}|${dimension}`;
const bucketKey = (hour: number, dimension: string, tags: string) => `${hourKey(hour, dimension)}|${tags}`;

function addQuantity(buckets: Map<string, number>, key: string, quantity: number): void {
  buckets.set(key, (buckets.get(key) ?? 0) + quantity);
}

/** The (hour, dimension) pairs a ledger has sealed. */
export class SealedHours {
  private readonly keys = new Set<string>();

  add(hour: number, dimension: string): void {
    this.keys.add(hourKey(hour, dimension));
  }

  readonly has: IsSealed = (hour, dimension) => this.keys.has(hourKey(hour, dimension));
}

/** The usage rows an event adds to its bucket. */
export function rowsOf(event: UsageEvent): UsageRow[] {
  return event.allocations ? event.allocations.map(({ tags, quantity }) => ({ tags, quantity })) : [{ tags: UNTAGGED, quantity: event.quantity }];
}

/** The quantity of an hour and dimension: the sum of its rows. */
export const quantityOf = (rows: readonly UsageRow[]): number => rows.reduce((sum, row) => sum + row.quantity, 0);

/** Whether MeterUsage still accepts `hour` at `now`, with the carry margin. */
export const withinSendWindow = (hour: number, now: number): boolean => hour + SEND_WINDOW_MS - CARRY_MARGIN_MS > now;

/**
 * The open hour that takes usage of `eventHour`: its own while it is not sealed and still sendable,
 * otherwise the current hour (or the first later one not sealed, after a shutdown sealed the current hour).
 */
export function placeHour(eventHour: number, dimension: string, now: number, isSealed: IsSealed): number {
  if (withinSendWindow(eventHour, now) && !isSealed(eventHour, dimension)) return eventHour;
  let hour = Math.max(hourOf(now), eventHour);
  while (isSealed(hour, dimension)) hour += HOUR_MS;
  return hour;
}

/**
 * The usage of one batch of events by bucket key (`hour|dimension|tags`, split by {@link bucketOf}),
 * each event in the hour {@link placeHour} gives it. The placement of each (hour, dimension) is worked
 * out once per batch, since a batch's events nearly all share a few.
 */
export class BatchBuckets {
  readonly buckets = new Map<string, number>();
  /** dimension, then event hour: the key of the bucket's untagged usage (`hour|dimension|`). */
  private readonly places = new Map<string, Map<number, string>>();

  constructor(private readonly now: number, private readonly isSealed: IsSealed) {}

  add(event: UsageEvent): void {
    const untagged = this.place(hourOf(event.timestamp), event.dimension);
    if (!event.allocations) return addQuantity(this.buckets, untagged, event.quantity);
    for (const { tags, quantity } of event.allocations) addQuantity(this.buckets, `${untagged}${tags}`, quantity);
  }

  private place(eventHour: number, dimension: string): string {
    let hours = this.places.get(dimension);
    if (!hours) this.places.set(dimension, (hours = new Map()));
    let key = hours.get(eventHour);
    if (key === undefined) hours.set(eventHour, (key = bucketKey(placeHour(eventHour, dimension, this.now, this.isSealed), dimension, UNTAGGED)));
    return key;
  }
}

/** Splits a bucket key (of {@link BatchBuckets} or {@link carryInto}). */
export function bucketOf(key: string): { hour: number; dimension: string; tags: string } {
  const first = key.indexOf('|');
  const second = key.indexOf('|', first + 1);
  return { hour: Number(key.slice(0, first)), dimension: key.slice(first + 1, second), tags: key.slice(second + 1) };
}

/** Where usage carried forward (or adopted from another owner) goes, the current open hour, and the buckets it adds there. */
export function carryInto(dimension: string, rows: readonly UsageRow[], now: number, isSealed: IsSealed): { into: number; buckets: Map<string, number> } {
  const into = placeHour(hourOf(now), dimension, now, isSealed);
  const buckets = new Map<string, number>();
  for (const row of rows) addQuantity(buckets, bucketKey(into, dimension, row.tags), row.quantity);
  return { into, buckets };
}

/** The record an (hour, dimension) is sealed into: its quantity frozen, its first attempt due `now`. */
export function sealedRecord(hour: number, dimension: string, rows: readonly UsageRow[], now: number): MeteringRecord {
  return { hour, dimension, quantity: quantityOf(rows), rows, state: 'sealed', attempts: 0, nextAttemptAt: now };
}

/** An (hour, dimension) that is not sealed yet, with its quantity so far. */
export interface OpenHour {
  readonly hour: number;
  readonly dimension: string;
  readonly quantity: number;
}

/**
 * GET /v1/usage/summary: the records and the open hours by hour then dimension, each with the hours
 * carried into it (the records of `carried` that name a `carriedTo`).
 */
export function summaryLines(records: readonly MeteringRecord[], open: readonly OpenHour[], carried: readonly Pick<MeteringRecord, 'hour' | 'dimension' | 'carriedTo'>[]): SummaryLine[] {
  const carriedFrom = new Map<string, string[]>();
  for (const { hour, dimension, carriedTo } of carried) {
    if (carriedTo === undefined) continue;
    const key = hourKey(carriedTo, dimension);
    carriedFrom.set(key, [...(carriedFrom.get(key) ?? []), hourIso(hour)]);
  }
  const lines = [...records, ...open.map((openHour) => ({ ...openHour, state: 'open' as const, attempts: 0 }))];
  return lines.sort((a, b) => a.hour - b.hour || a.dimension.localeCompare(b.dimension)).map((line) => summaryLine(line, carriedFrom));
}

function summaryLine(
  line: Pick<MeteringRecord, 'hour' | 'dimension' | 'quantity' | 'attempts' | 'recordId' | 'lastError' | 'carriedTo'> & { state: SummaryLine['state'] },
  carriedFrom: Map<string, string[]>,
): SummaryLine {
  return {
    hour: hourIso(line.hour), dimension: line.dimension, quantity: line.quantity, state: line.state,
    meteringRecordId: line.recordId, attempts: line.attempts, lastError: line.lastError,
    carriedTo: line.carriedTo === undefined ? undefined : hourIso(line.carriedTo),
    carriedFrom: carriedFrom.get(hourKey(line.hour, line.dimension)),
  };
}
