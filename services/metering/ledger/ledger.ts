/** Accepted event ids are remembered this long (a repeat after that is counted again). */
export const EVENT_ID_RETENTION_MS = 7 * 24 * 3_600_000;

/** A share of an event's quantity attributed to a set of tags (`tags` is canonical: sorted `[key, value]` pairs as JSON). */
export interface Allocation {
  readonly quantity: number;
  readonly tags: string;
}

/** One validated usage event, as the ledger records it. */
export interface UsageEvent {
  readonly dimension: string;
  readonly quantity: number;
  /** Epoch milliseconds. */
  readonly timestamp: number;
  /** The idempotency key: an event whose id was seen before is counted once. */
  readonly id?: string;
  /** Tag attribution summing to `quantity`. @default - untagged */
  readonly allocations?: readonly Allocation[];
}

/** The tag set of untagged usage. */
export const UNTAGGED = '';

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
 * Both ledgers place, seal, carry and summarize buckets alike (hour-buckets.ts); they differ in storage.
 */
export interface MeteringLedger {
  /** Whose usage this is: the task (DynamoDB) or the ledger file (SQLite). */
  readonly owner: string;
  /** Stores the events in one atomic write; `false` marks an event whose id was accepted within {@link EVENT_ID_RETENTION_MS}. */
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
