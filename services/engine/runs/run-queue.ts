import { ConditionalCheckFailedException, DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import {
  activityKey, FAILURES_PARTITION, QUEUE_PARTITION, QueueItem, queueKey, runExpiry, runListingKey, stepKey,
} from '../../workspace-data/run-items';
import { readStepResults, StepResult } from '../../workspace-data/step-result';
import { EXPIRY_ATTRIBUTE, PARTITION_KEY } from '../../workspace-data/table-schema';
import { Run, RunError, RunStatus } from '../../workspace-data/workflow';
import { withoutKeys } from '../../workspace-data/workflow-store';

/** The engine no longer holds the run: its lease expired and another engine took it, or it ended. */
export class LeaseLostError extends Error {
  override readonly name = 'LeaseLostError';
}

/** A run an engine holds: everything it writes is conditional on this lease's token. */
export interface Lease {
  readonly item: QueueItem;
  readonly token: string;
}

/** Options of {@link RunQueue}. */
export interface RunQueueOptions {
  /** This engine, recorded as the lease owner. */
  readonly owner: string;
  /** How long a claim or heartbeat holds the run. */
  readonly leaseMs: number;
  readonly now?: () => number;
}

type TransactItems = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>;

const CLAIMABLE = 'leaseUntil < :now AND wakeAt <= :now';

/**
 * The run queue and its leases in the workspace table. An engine claims a queued run with a
 * conditional write (one engine at a time), keeps it by heartbeats, and writes every step result and
 * the run's end in transactions that check it still holds the lease, so an engine that lost a run can
 * change nothing of it.
 */
export class RunQueue {
  private readonly documents: DynamoDBDocumentClient;
  private readonly now: () => number;

  constructor(client: DynamoDBClient, private readonly tableName: string, private readonly options: RunQueueOptions) {
    this.documents = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
    this.now = options.now ?? Date.now;
  }

  /** Claims the oldest run that is due and free (or whose engine stopped heartbeating); undefined when none. */
  async claimNext(): Promise<Lease | undefined> {
    return (await this.claimUpTo(1))[0];
  }

  /** Claims up to `limit` runs, oldest first, from as few reads of the queue as it takes. */
  async claimUpTo(limit: number): Promise<Lease[]> {
    const leases: Lease[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const now = this.now();
      const page = await this.documents.send(new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: `${PARTITION_KEY} = :queue`,
        FilterExpression: CLAIMABLE,
        ExpressionAttributeValues: { ':queue': QUEUE_PARTITION, ':now': now },
        ConsistentRead: true,
        ExclusiveStartKey: start,
        Limit: 100,
      }));
      for (const candidate of page.Items ?? []) {
        const lease = await this.claim(withoutKeys(candidate) as unknown as QueueItem);
        if (lease) leases.push(lease);
        if (leases.length >= limit) return leases;
      }
      start = page.LastEvaluatedKey;
    } while (start);
    return leases;
  }

  /** Extends the lease; resolves with the queue item (to see a cancel request), or throws LeaseLostError. */
  async heartbeat(lease: Lease): Promise<QueueItem> {
    try {
      const { Attributes } = await this.documents.send(new UpdateCommand({
        TableName: this.tableName, Key: queueKey(lease.item),
        UpdateExpression: 'SET leaseUntil = :until',
        ConditionExpression: 'leaseToken = :token',
        ExpressionAttributeValues: { ':until': this.now() + this.options.leaseMs, ':token': lease.token },
        ReturnValues: 'ALL_NEW',
      }));
      return withoutKeys(Attributes ?? {}) as unknown as QueueItem;
    } catch (error) {
      throw this.lost(error, lease);
    }
  }

  /** The run a lease is for. */
  async run(lease: Lease): Promise<Run> {
    const { Item } = await this.documents.send(new GetCommand({ TableName: this.tableName, Key: runListingKey(lease.item), ConsistentRead: true }));
    if (!Item) throw new Error(`run ${lease.item.runId} is queued but its record is missing`);
    return withoutKeys(Item) as unknown as Run;
  }

  /** The run's step results so far, in order. */
  async steps(runId: string): Promise<StepResult[]> {
    return readStepResults(this.documents, this.tableName, runId);
  }

  /**
   * Marks the run running; the first time, also when it started (a resumed run keeps its first start)
   * and, once the sidecar has taken its unit, when it was metered. One write, before the first step.
   */
  async markRunning(lease: Lease, at: string, metered: boolean): Promise<void> {
    await this.transact(lease, [{
      Update: {
        TableName: this.tableName, Key: runListingKey(lease.item),
        UpdateExpression: `SET #status = :running, startedAt = if_not_exists(startedAt, :at)${metered ? ', meteredAt = if_not_exists(meteredAt, :at)' : ''}`,
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':running': 'running', ':at': at },
      },
    }]);
  }

  /** Checkpoints one step's result before the next step starts; a waiting step's result is replaced when it completes. */
  async recordStep(lease: Lease, result: StepResult): Promise<void> {
    await this.transact(lease, [{
      Put: {
        TableName: this.tableName,
        Item: { ...stepKey(lease.item.runId, result.seq), ...result, [EXPIRY_ATTRIBUTE]: runExpiry(lease.item.requestedAt) },
        ConditionExpression: `attribute_not_exists(${PARTITION_KEY}) OR #status = :waiting`,
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':waiting': 'waiting' },
      },
    }]);
  }

  /** Puts the run aside until `wakeAt` (a wait or an approval) and lets go of it. */
  async suspend(lease: Lease, wakeAt: number): Promise<void> {
    await this.write(lease, [
      {
        Update: {
          TableName: this.tableName, Key: queueKey(lease.item),
          UpdateExpression: 'SET wakeAt = :wake, leaseUntil = :zero REMOVE leaseToken, leaseOwner',
          ConditionExpression: 'leaseToken = :token',
          ExpressionAttributeValues: { ':wake': wakeAt, ':zero': 0, ':token': lease.token },
        },
      },
      {
        Update: {
          TableName: this.tableName, Key: runListingKey(lease.item),
          UpdateExpression: 'SET #status = :waiting', ExpressionAttributeNames: { '#status': 'status' }, ExpressionAttributeValues: { ':waiting': 'waiting' },
        },
      },
    ]);
  }

  /** Lets go of the run: another engine resumes it at once (the engine is stopping), or from `retryAt` (it failed to proceed). */
  async release(lease: Lease, retryAt = 0): Promise<void> {
    try {
      await this.documents.send(new UpdateCommand({
        TableName: this.tableName, Key: queueKey(lease.item),
        UpdateExpression: 'SET leaseUntil = :zero, wakeAt = :retry REMOVE leaseToken, leaseOwner',
        ConditionExpression: 'leaseToken = :token',
        ExpressionAttributeValues: { ':zero': 0, ':retry': retryAt, ':token': lease.token },
      }));
    } catch (error) {
      throw this.lost(error, lease);
    }
  }

  /**
   * Ends the run: its status and end time, the day's activity count, the failure list, and the queue
   * item's removal, all in one transaction, so they happen once.
   */
  async end(lease: Lease, status: Exclude<RunStatus, 'queued' | 'running' | 'waiting'>, endedAt: string, error?: RunError): Promise<void> {
    const run = lease.item;
    const counted = status === 'succeeded' ? 'succeeded' : 'failed';
    const items: TransactItems = [
      { Delete: { TableName: this.tableName, Key: queueKey(run), ConditionExpression: 'leaseToken = :token', ExpressionAttributeValues: { ':token': lease.token } } },
      {
        Update: {
          TableName: this.tableName, Key: runListingKey(run),
          UpdateExpression: `SET #status = :status, endedAt = :at${error ? ', #error = :error' : ''}`,
          ExpressionAttributeNames: { '#status': 'status', ...(error ? { '#error': 'error' } : {}) },
          ExpressionAttributeValues: { ':status': status, ':at': endedAt, ...(error ? { ':error': error } : {}) },
        },
      },
    ];
    if (status !== 'cancelled') {
      items.push({
        Update: {
          TableName: this.tableName, Key: activityKey(endedAt.slice(0, 10), run.workflowId),
          UpdateExpression: `SET workflowId = :workflow, ${EXPIRY_ATTRIBUTE} = :expiry ADD ${counted} :one`,
          ExpressionAttributeValues: { ':workflow': run.workflowId, ':expiry': runExpiry(endedAt), ':one': 1 },
        },
      });
    }
    if (counted === 'failed' && status !== 'cancelled') {
      const ended = { ...(await this.run(lease)), status, endedAt, error };
      items.push({ Put: { TableName: this.tableName, Item: { pk: FAILURES_PARTITION, sk: `${endedAt}#${run.runId}`, ...ended, [EXPIRY_ATTRIBUTE]: runExpiry(endedAt) } } });
    }
    await this.write(lease, items);
  }

  private async claim(item: QueueItem): Promise<Lease | undefined> {
    const token = randomUUID();
    const now = this.now();
    try {
      const { Attributes } = await this.documents.send(new UpdateCommand({
        TableName: this.tableName, Key: queueKey(item),
        UpdateExpression: 'SET leaseToken = :token, leaseOwner = :owner, leaseUntil = :until ADD claims :one',
        ConditionExpression: `attribute_exists(${PARTITION_KEY}) AND ${CLAIMABLE}`,
        ExpressionAttributeValues: { ':token': token, ':owner': this.options.owner, ':until': now + this.options.leaseMs, ':now': now, ':one': 1 },
        ReturnValues: 'ALL_NEW',
      }));
      return { item: withoutKeys(Attributes ?? {}) as unknown as QueueItem, token };
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }

  /** Runs writes together with a check that this engine still holds the lease. */
  private async transact(lease: Lease, writes: TransactItems): Promise<void> {
    const check = { ConditionCheck: { TableName: this.tableName, Key: queueKey(lease.item), ConditionExpression: 'leaseToken = :token', ExpressionAttributeValues: { ':token': lease.token } } };
    await this.write(lease, [check, ...writes]);
  }

  /** Runs writes in one transaction; one of them must check the lease. */
  private async write(lease: Lease, items: TransactItems): Promise<void> {
    try {
      await this.documents.send(new TransactWriteCommand({ TransactItems: items }));
    } catch (error) {
      throw this.lost(error, lease);
    }
  }

  private lost(error: unknown, lease: Lease): unknown {
    const conditionFailed = error instanceof ConditionalCheckFailedException
      || (error instanceof TransactionCanceledException && error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed');
    return conditionFailed ? new LeaseLostError(`run ${lease.item.runId} is no longer held by this engine`) : error;
  }
}
