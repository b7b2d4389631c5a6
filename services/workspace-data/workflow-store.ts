import { ConditionalCheckFailedException, DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import {
  activityKey, FAILURES_PARTITION, queueKey, runAddressKey, runExpiry, runListingKey, runPartition,
} from './run-items';
import { decodePageCursor, encodePageCursor } from './page-cursor';
import { readStepResults, StepResult } from './step-result';
import { EXPIRY_ATTRIBUTE, PARTITION_KEY, SORT_KEY } from './table-schema';
import { FINAL_STATUSES, Run, Workflow } from './workflow';

const WORKFLOW_PARTITION = 'WORKFLOW';

/** One page of a listing; pass `next` back to get the following page. */
export interface Page<T> {
  readonly items: T[];
  readonly next?: string;
}

/** A workflow or run that does not exist, one that exists already, or a change that lost a race. */
export class NotFoundError extends Error {}
export class AlreadyExistsError extends Error {}
export class ConflictError extends Error {}

/** A day's ended runs of one workflow. */
export interface DailyActivity {
  readonly day: string;
  readonly workflowId: string;
  readonly succeeded: number;
  readonly failed: number;
}

const encodeCursor = (key?: Record<string, unknown>) => (key ? encodePageCursor(key) : undefined);
const decodeCursor = (cursor?: string) => (cursor ? (decodePageCursor(cursor) as Record<string, unknown>) : undefined);

/** What the cancel of a run did: ended it at once (it had not started), or asked its engine to stop it. */
export type CancelOutcome = 'cancelled' | 'cancel-requested';

/**
 * Workflow metadata and runs in the workspace table (keys in run-items.ts). Workflows share one
 * partition; a run is written with its address and its queue item in one transaction.
 */
export class WorkflowStore {
  private readonly documents: DynamoDBDocumentClient;

  constructor(client: DynamoDBClient, private readonly tableName: string) {
    this.documents = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  /**
   * Creates a workflow (`previousVersion` undefined) or replaces one whose stored definition version is
   * `previousVersion`; a replace that lost a race to another save fails with ConflictError.
   */
  async putWorkflow(workflow: Workflow, previousVersion?: number): Promise<void> {
    const creating = previousVersion === undefined;
    try {
      await this.documents.send(new PutCommand({
        TableName: this.tableName,
        Item: { [PARTITION_KEY]: WORKFLOW_PARTITION, [SORT_KEY]: workflow.workflowId, ...workflow },
        ConditionExpression: creating ? `attribute_not_exists(${PARTITION_KEY})` : `attribute_exists(${PARTITION_KEY}) AND definitionVersion = :previous`,
        ExpressionAttributeValues: creating ? undefined : { ':previous': previousVersion },
      }));
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      if (creating) throw new AlreadyExistsError(`workflow ${workflow.workflowId} exists`);
      await this.getWorkflow(workflow.workflowId);
      throw new ConflictError(`workflow ${workflow.workflowId} was changed by someone else while you edited it; reload it and save again`);
    }
  }

  async getWorkflow(workflowId: string): Promise<Workflow> {
    const { Item } = await this.documents.send(new GetCommand({ TableName: this.tableName, Key: { [PARTITION_KEY]: WORKFLOW_PARTITION, [SORT_KEY]: workflowId }, ConsistentRead: true }));
    if (!Item) throw new NotFoundError(`workflow ${workflowId} does not exist`);
    return withoutKeys(Item) as unknown as Workflow;
  }

  async deleteWorkflow(workflowId: string): Promise<void> {
    try {
      await this.documents.send(new DeleteCommand({
        TableName: this.tableName, Key: { [PARTITION_KEY]: WORKFLOW_PARTITION, [SORT_KEY]: workflowId }, ConditionExpression: `attribute_exists(${PARTITION_KEY})`,
      }));
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new NotFoundError(`workflow ${workflowId} does not exist`);
      throw error;
    }
  }

  async listWorkflows(limit: number, cursor?: string): Promise<Page<Workflow>> {
    return this.query(WORKFLOW_PARTITION, limit, cursor, true);
  }

  /** Every workflow with a schedule, across all pages. */
  async scheduledWorkflows(): Promise<Workflow[]> {
    const scheduled: Workflow[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.listWorkflows(100, cursor);
      scheduled.push(...page.items.filter((workflow) => workflow.schedule));
      cursor = page.next;
    } while (cursor);
    return scheduled;
  }

  /**
   * Records a queued run once, with its address and its queue item, in one transaction: a second call
   * with the same run ID fails with AlreadyExistsError and changes nothing.
   */
  async addRun(run: Run): Promise<void> {
    const expiresAt = runExpiry(run.requestedAt);
    const put = (key: Record<string, string>, item: Record<string, unknown>) => ({
      Put: { TableName: this.tableName, Item: { ...key, ...item }, ConditionExpression: `attribute_not_exists(${PARTITION_KEY})` },
    });
    try {
      await this.documents.send(new TransactWriteCommand({
        TransactItems: [
          put(runListingKey(run), { ...run, [EXPIRY_ATTRIBUTE]: expiresAt }),
          put(runAddressKey(run.runId), { workflowId: run.workflowId, requestedAt: run.requestedAt, [EXPIRY_ATTRIBUTE]: expiresAt }),
          put(queueKey(run), { runId: run.runId, workflowId: run.workflowId, requestedAt: run.requestedAt, leaseUntil: 0, wakeAt: 0 }),
        ],
      }));
    } catch (error) {
      if (error instanceof TransactionCanceledException && error.CancellationReasons?.some((reason) => reason.Code === 'ConditionalCheckFailed')) {
        throw new AlreadyExistsError(`run ${run.runId} exists`);
      }
      throw error;
    }
  }

  /** A run by its ID. */
  async getRun(runId: string): Promise<Run> {
    const { Item: address } = await this.documents.send(new GetCommand({ TableName: this.tableName, Key: runAddressKey(runId) }));
    if (!address) throw new NotFoundError(`run ${runId} does not exist`);
    const { Item } = await this.documents.send(new GetCommand({
      TableName: this.tableName, Key: runListingKey({ workflowId: address.workflowId, requestedAt: address.requestedAt, runId }), ConsistentRead: true,
    }));
    if (!Item) throw new NotFoundError(`run ${runId} does not exist`);
    return withoutKeys(Item) as unknown as Run;
  }

  /** A workflow's runs, newest first. */
  async listRuns(workflowId: string, limit: number, cursor?: string): Promise<Page<Run>> {
    return this.query(runPartition(workflowId), limit, cursor, false);
  }

  /** Every executed step of a run, in the order it ran. */
  async listSteps(runId: string): Promise<StepResult[]> {
    return readStepResults(this.documents, this.tableName, runId);
  }

  /**
   * Cancels a run: one no engine holds and that never started ends at once, unbilled; otherwise its
   * engine is asked to stop it at the next step (a waiting run is woken for that). A run that has
   * ended cannot be cancelled (ConflictError).
   */
  async cancelRun(runId: string, now: Date): Promise<CancelOutcome> {
    const run = await this.getRun(runId);
    if (FINAL_STATUSES.has(run.status)) throw new ConflictError(`run ${runId} has already ended: ${run.status}`);
    try {
      await this.documents.send(new TransactWriteCommand({
        TransactItems: [
          { Delete: { TableName: this.tableName, Key: queueKey(run), ConditionExpression: 'leaseUntil < :now', ExpressionAttributeValues: { ':now': now.getTime() } } },
          {
            Update: {
              TableName: this.tableName, Key: runListingKey(run),
              UpdateExpression: 'SET #status = :cancelled, endedAt = :at',
              ConditionExpression: '#status = :queued AND attribute_not_exists(startedAt)',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: { ':cancelled': 'cancelled', ':queued': 'queued', ':at': now.toISOString() },
            },
          },
        ],
      }));
      return 'cancelled';
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
    }
    try {
      await this.documents.send(new UpdateCommand({
        TableName: this.tableName, Key: queueKey(run),
        UpdateExpression: 'SET cancelRequested = :yes, wakeAt = :zero',
        ConditionExpression: `attribute_exists(${PARTITION_KEY})`,
        ExpressionAttributeValues: { ':yes': true, ':zero': 0 },
      }));
      return 'cancel-requested';
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new ConflictError(`run ${runId} has just ended`);
      throw error;
    }
  }

  /** Ended runs per workflow and day, for each of the given days (YYYY-MM-DD). */
  async dailyActivity(days: string[]): Promise<DailyActivity[]> {
    const activity: DailyActivity[] = [];
    for (const day of days) {
      let cursor: string | undefined;
      do {
        const page = await this.query<{ succeeded?: number; failed?: number; workflowId: string }>(activityKey(day, '').pk, 100, cursor, true);
        activity.push(...page.items.map((item) => ({ day, workflowId: item.workflowId, succeeded: item.succeeded ?? 0, failed: item.failed ?? 0 })));
        cursor = page.next;
      } while (cursor);
    }
    return activity;
  }

  /** The latest failed runs, newest first. */
  async latestFailures(limit: number): Promise<Run[]> {
    return (await this.query<Run>(FAILURES_PARTITION, limit, undefined, false)).items;
  }

  private async query<T>(partition: string, limit: number, cursor: string | undefined, ascending: boolean): Promise<Page<T>> {
    const result = await this.documents.send(new QueryCommand({
      TableName: this.tableName,
      KeyConditionExpression: `${PARTITION_KEY} = :pk`,
      ExpressionAttributeValues: { ':pk': partition },
      Limit: limit,
      ScanIndexForward: ascending,
      ExclusiveStartKey: decodeCursor(cursor),
    }));
    return { items: (result.Items ?? []).map(withoutKeys) as unknown as T[], next: encodeCursor(result.LastEvaluatedKey) };
  }
}

/** An item without the table's keys and expiry. */
export function withoutKeys(item: Record<string, unknown>): Record<string, unknown> {
  const rest = { ...item };
  for (const key of [PARTITION_KEY, SORT_KEY, EXPIRY_ATTRIBUTE]) delete rest[key];
  return rest;
}
