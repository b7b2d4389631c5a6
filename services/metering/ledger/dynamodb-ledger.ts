import { DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient, PutCommand, QueryCommand, QueryCommandInput, TransactWriteCommand, TransactWriteCommandInput, UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { EXPIRY_ATTRIBUTE, PARTITION_KEY, SORT_KEY } from '../../workspace-data/table-schema';
import { BatchBuckets, IsSealed, SealedHours, bucketOf, carryInto, quantityOf, rowsOf, sealedRecord, summaryLines } from './hour-buckets';
import { SEND_WINDOW_MS, hourIso, hourOf } from './hours';
import { AttemptOutcome, EVENT_ID_RETENTION_MS, MeteringLedger, MeteringRecord, SummaryLine, UsageEvent, UsageRow } from './ledger';

/** The owner name the workspace's Lambda functions record under; sidecars adopt its usage on every flush. */
export const FUNCTIONS_OWNER = 'functions';
/** A task whose heartbeat is older than this is taken for dead and its unsent usage is adopted. */
export const DEAD_AFTER_MS = 10 * 60_000;
/** Ledger items expire (DynamoDB TTL) this long after their hour; event ids as long after acceptance. */
export const LEDGER_RETENTION_MS = 35 * 24 * 3_600_000;
/** DynamoDB's limit of items per transaction. */
const MAX_TRANSACTION_ITEMS = 100;

const OWNERS = 'METERING#OWNERS';
const ownerPartition = (owner: string) => `METERING#${owner}`;
const usageKey = (hour: number, dimension: string, tags: string) => `USAGE#${hourIso(hour)}#${dimension}#${tags}`;
const recordKey = (hour: number, dimension: string) => `RECORD#${hourIso(hour)}#${dimension}`;
const expiry = (epochMs: number) => Math.floor(epochMs / 1000);

type Item = Record<string, any>;
type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * The ledger in the workspace's DynamoDB table, for tasks on Fargate (whose storage dies with them).
 * Each task owns a partition (`METERING#<task>`) of usage buckets and sealed records; event ids are
 * items of their own, written in the same transaction as the usage with `attribute_not_exists`, so an
 * id is counted once across every task. Tasks heartbeat; a task that starts or flushes adopts the
 * unsent usage of dead tasks (and of the workspace functions) into its own current hour, each move one
 * conditional transaction so two adopters cannot both take it.
 */
export class DynamoDbLedger implements MeteringLedger {
  private readonly documents: DynamoDBDocumentClient;
  private readonly sealed = new SealedHours();

  private constructor(client: DynamoDBClient, private readonly table: string, readonly owner: string) {
    this.documents = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  /** Opens the ledger of `owner` (the task), loading which recent hours it has sealed, and heartbeats. */
  static async open(client: DynamoDBClient, table: string, owner: string, now: number): Promise<DynamoDbLedger> {
    const ledger = new DynamoDbLedger(client, table, owner);
    const recent = await ledger.queryAll({ KeyConditionExpression: `${PARTITION_KEY} = :pk AND ${SORT_KEY} BETWEEN :from AND :to`,
      ExpressionAttributeValues: { ':pk': ownerPartition(owner), ':from': recordKey(hourOf(now) - SEND_WINDOW_MS - 3_600_000, ''), ':to': 'RECORD#~' } });
    for (const item of recent) ledger.sealed.add(item.hour, item.dimension);
    await ledger.heartbeat(now);
    return ledger;
  }

  /**
   * The ledger the workspace's Lambda functions record usage into: no sealing and no heartbeat, so
   * every sidecar treats it as orphaned and adopts it into its own task's current hour.
   */
  static forFunctions(client: DynamoDBClient, table: string): DynamoDbLedger {
    return new DynamoDbLedger(client, table, FUNCTIONS_OWNER);
  }

  async record(events: readonly UsageEvent[], now: number): Promise<boolean[]> {
    const accepted = events.map(() => true);
    const seen = new Set<string>();
    let chunk: number[] = [];
    let items = 0;
    for (let index = 0; index < events.length; index += 1) {
      const { id } = events[index];
      if (id !== undefined && seen.has(id)) { accepted[index] = false; continue; }
      if (id !== undefined) seen.add(id);
      // At most one id item and one bucket update per tag set: an event's items stay in one transaction.
      const eventItems = (id === undefined ? 0 : 1) + rowsOf(events[index]).length;
      if (items + eventItems > MAX_TRANSACTION_ITEMS && chunk.length > 0) {
        await this.recordChunk(events, chunk, accepted, now);
        chunk = [];
        items = 0;
      }
      chunk.push(index);
      items += eventItems;
    }
    if (chunk.length > 0) await this.recordChunk(events, chunk, accepted, now);
    return accepted;
  }

  /** One transaction for a chunk; events whose id exists are marked duplicates and the rest is written again. */
  private async recordChunk(events: readonly UsageEvent[], chunk: number[], accepted: boolean[], now: number): Promise<void> {
    let pending = chunk;
    while (pending.length > 0) {
      const batch = new BatchBuckets(now, this.sealed.has);
      const idItems: TransactItem[] = [];
      const idOwners: number[] = [];
      for (const index of pending) {
        const event = events[index];
        batch.add(event);
        if (event.id === undefined) continue;
        idOwners.push(index);
        idItems.push({ Put: {
          TableName: this.table,
          Item: { [PARTITION_KEY]: `METERING#EVENT#${event.id}`, [SORT_KEY]: 'EVENT', owner: this.owner, [EXPIRY_ATTRIBUTE]: expiry(now + EVENT_ID_RETENTION_MS) },
          ConditionExpression: `attribute_not_exists(${PARTITION_KEY})`,
        } });
      }
      try {
        await this.documents.send(new TransactWriteCommand({ TransactItems: [...idItems, ...this.bucketUpdates(batch.buckets)] }));
        return;
      } catch (error) {
        const duplicates = duplicateIndexes(error, idOwners);
        if (duplicates.size === 0) throw error;
        for (const index of duplicates) accepted[index] = false;
        pending = pending.filter((index) => !duplicates.has(index));
      }
    }
  }

  private bucketUpdates(buckets: Map<string, number>, owner = this.owner): TransactItem[] {
    return [...buckets].map(([key, quantity]) => {
      const { hour, dimension, tags } = bucketOf(key);
      return { Update: {
        TableName: this.table,
        Key: { [PARTITION_KEY]: ownerPartition(owner), [SORT_KEY]: usageKey(hour, dimension, tags) },
        UpdateExpression: 'ADD quantity :q SET #hour = :hour, dimension = :dimension, tags = :tags, #expires = :expires',
        ExpressionAttributeNames: { '#hour': 'hour', '#expires': EXPIRY_ATTRIBUTE },
        ExpressionAttributeValues: { ':q': quantity, ':hour': hour, ':dimension': dimension, ':tags': tags, ':expires': expiry(hour + LEDGER_RETENTION_MS) },
      } };
    });
  }

  async sealHoursBefore(before: number, now: number): Promise<MeteringRecord[]> {
    const open = groupOpenUsage(await this.usageBefore(this.owner, before), this.sealed.has);
    const records: MeteringRecord[] = [];
    for (const { hour, dimension, rows } of open) {
      const record = sealedRecord(hour, dimension, rows, now);
      await this.documents.send(new PutCommand({
        TableName: this.table,
        Item: { [PARTITION_KEY]: ownerPartition(this.owner), [SORT_KEY]: recordKey(hour, dimension), ...record, [EXPIRY_ATTRIBUTE]: expiry(hour + LEDGER_RETENTION_MS) },
        ConditionExpression: `attribute_not_exists(${PARTITION_KEY})`,
      }));
      this.sealed.add(hour, dimension);
      records.push(record);
    }
    return records;
  }

  async sealedRecords(): Promise<MeteringRecord[]> {
    return this.recordsOf(this.owner, 'sealed');
  }

  async saveAttempt(record: MeteringRecord, outcome: AttemptOutcome): Promise<void> {
    await this.documents.send(new UpdateCommand({
      TableName: this.table,
      Key: { [PARTITION_KEY]: ownerPartition(this.owner), [SORT_KEY]: recordKey(record.hour, record.dimension) },
      UpdateExpression: 'SET #state = :state, attempts = :attempts, nextAttemptAt = :next, recordId = :recordId, lastError = :lastError',
      ConditionExpression: '#state = :sealed',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: { ':state': outcome.state, ':attempts': outcome.attempts, ':next': outcome.nextAttemptAt, ':recordId': outcome.recordId ?? null, ':lastError': outcome.lastError ?? null, ':sealed': 'sealed' },
    }));
  }

  async carryForward(record: MeteringRecord, now: number): Promise<number> {
    return this.moveRecord(this.owner, record, now);
  }

  /** Moves a sealed record of `owner` into this task's current hour, in one transaction conditional on it still being sealed. */
  private async moveRecord(owner: string, record: MeteringRecord, now: number): Promise<number> {
    const { into, buckets } = carryInto(record.dimension, record.rows, now, this.sealed.has);
    await this.documents.send(new TransactWriteCommand({ TransactItems: [
      { Update: {
        TableName: this.table,
        Key: { [PARTITION_KEY]: ownerPartition(owner), [SORT_KEY]: recordKey(record.hour, record.dimension) },
        UpdateExpression: 'SET #state = :carried, carriedTo = :into, carriedToOwner = :owner',
        ConditionExpression: '#state = :sealed',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':carried': 'carried', ':into': into, ':owner': this.owner, ':sealed': 'sealed' },
      } },
      ...this.bucketUpdates(buckets),
    ] }));
    return into;
  }

  async adoptOrphans(now: number): Promise<number> {
    await this.heartbeat(now);
    const owners = await this.queryAll({ KeyConditionExpression: `${PARTITION_KEY} = :pk`, ExpressionAttributeValues: { ':pk': OWNERS } });
    const dead = owners.filter((item) => item[SORT_KEY] !== this.owner && item[SORT_KEY] !== FUNCTIONS_OWNER && item.heartbeatAt < now - DEAD_AFTER_MS).map((item) => item[SORT_KEY] as string);
    let adopted = 0;
    for (const owner of [FUNCTIONS_OWNER, ...dead]) adopted += await this.adoptFrom(owner, now);
    return adopted;
  }

  private async adoptFrom(owner: string, now: number): Promise<number> {
    let adopted = 0;
    for (const record of await this.recordsOf(owner, 'sealed')) adopted += await this.tryAdopt(() => this.moveRecord(owner, record, now));
    const theirs = await this.recordsOf(owner);
    const sealedThere = (hour: number, dimension: string) => theirs.some((record) => record.hour === hour && record.dimension === dimension);
    for (const item of (await this.usageBefore(owner, Number.MAX_SAFE_INTEGER)).filter((usage) => !sealedThere(usage.hour, usage.dimension))) {
      adopted += await this.tryAdopt(() => this.moveUsage(item, now));
    }
    return adopted;
  }

  /** Moves an open bucket of another owner into this task's current hour: deleted there only if its quantity is still what was read. */
  private async moveUsage(item: Item, now: number): Promise<number> {
    const { into, buckets } = carryInto(item.dimension, [{ tags: item.tags, quantity: item.quantity }], now, this.sealed.has);
    await this.documents.send(new TransactWriteCommand({ TransactItems: [
      { Delete: {
        TableName: this.table, Key: { [PARTITION_KEY]: item[PARTITION_KEY], [SORT_KEY]: item[SORT_KEY] },
        ConditionExpression: 'quantity = :q', ExpressionAttributeValues: { ':q': item.quantity },
      } },
      ...this.bucketUpdates(buckets),
    ] }));
    return into;
  }

  /** Another adopter (or a late write) got there first: leave it for the next flush. */
  private async tryAdopt(move: () => Promise<number>): Promise<number> {
    try {
      await move();
      return 1;
    } catch (error) {
      if (error instanceof TransactionCanceledException) return 0;
      throw error;
    }
  }

  async summary(from: number, to: number): Promise<SummaryLine[]> {
    const records = await this.recordsOf(this.owner);
    const carried = records.filter((record) => record.carriedTo !== undefined && record.carriedTo >= from && record.carriedTo < to);
    const open = groupOpenUsage((await this.usageBefore(this.owner, to)).filter((item) => item.hour >= from), this.sealed.has)
      .map(({ hour, dimension, rows }) => ({ hour, dimension, quantity: quantityOf(rows) }));
    return summaryLines(records.filter((record) => record.hour >= from && record.hour < to), open, carried);
  }

  async close(): Promise<void> {
    this.documents.destroy();
  }

  private async heartbeat(now: number): Promise<void> {
    await this.documents.send(new PutCommand({
      TableName: this.table,
      Item: { [PARTITION_KEY]: OWNERS, [SORT_KEY]: this.owner, heartbeatAt: now, [EXPIRY_ATTRIBUTE]: expiry(now + LEDGER_RETENTION_MS) },
    }));
  }

  private async usageBefore(owner: string, before: number): Promise<Item[]> {
    return this.queryAll({ KeyConditionExpression: `${PARTITION_KEY} = :pk AND ${SORT_KEY} BETWEEN :from AND :to`,
      ExpressionAttributeValues: { ':pk': ownerPartition(owner), ':from': 'USAGE#', ':to': `USAGE#${before >= 8.64e15 ? '~' : hourIso(before)}` } })
      .then((items) => items.filter((item) => item.hour < before));
  }

  private async recordsOf(owner: string, state?: MeteringRecord['state']): Promise<MeteringRecord[]> {
    const items = await this.queryAll({ KeyConditionExpression: `${PARTITION_KEY} = :pk AND begins_with(${SORT_KEY}, :prefix)`,
      ExpressionAttributeValues: { ':pk': ownerPartition(owner), ':prefix': 'RECORD#' } });
    return items.filter((item) => state === undefined || item.state === state).map((item) => ({
      hour: item.hour, dimension: item.dimension, quantity: item.quantity, rows: item.rows, state: item.state, attempts: item.attempts,
      nextAttemptAt: item.nextAttemptAt, recordId: item.recordId ?? undefined, lastError: item.lastError ?? undefined, carriedTo: item.carriedTo,
    }));
  }

  private async queryAll(input: Omit<QueryCommandInput, 'TableName'>): Promise<Item[]> {
    const items: Item[] = [];
    let start: Item | undefined;
    do {
      const page = await this.documents.send(new QueryCommand({ ...input, TableName: this.table, ExclusiveStartKey: start, ConsistentRead: true }));
      items.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
    return items;
  }
}

/** The open (not yet sealed) buckets of usage items, grouped by hour and dimension. */
function groupOpenUsage(items: Item[], isSealed: IsSealed): { hour: number; dimension: string; rows: UsageRow[] }[] {
  const groups = new Map<string, { hour: number; dimension: string; rows: UsageRow[] }>();
  for (const item of items.filter((usage) => !isSealed(usage.hour, usage.dimension))) {
    const key = `${item.hour}|${item.dimension}`;
    const group = groups.get(key) ?? { hour: item.hour, dimension: item.dimension, rows: [] as UsageRow[] };
    group.rows.push({ tags: item.tags, quantity: item.quantity });
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => a.hour - b.hour);
}

/** The events whose id item failed its condition (the id was accepted before). */
function duplicateIndexes(error: unknown, idOwners: number[]): Set<number> {
  if (!(error instanceof TransactionCanceledException)) return new Set();
  const reasons = error.CancellationReasons ?? [];
  return new Set(idOwners.filter((_, position) => reasons[position]?.Code === 'ConditionalCheckFailed'));
}
