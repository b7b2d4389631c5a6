import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { EXPIRY_ATTRIBUTE, PARTITION_KEY, SORT_KEY } from './table-schema';
import { Run, Workflow } from './workflow';

/** Runs are kept this long, then DynamoDB's TTL removes them (the table's `expiresAt` attribute). */
export const RUN_RETENTION_DAYS = 90;
const WORKFLOW_PARTITION = 'WORKFLOW';
const runPartition = (workflowId: string) => `RUN#${workflowId}`;

/** One page of a listing; pass `next` back to get the following page. */
export interface Page<T> {
  readonly items: T[];
  readonly next?: string;
}

/** A workflow or run that does not exist, or a run that was already recorded. */
export class NotFoundError extends Error {}
export class AlreadyExistsError extends Error {}

const encodeCursor = (key?: Record<string, unknown>) => (key ? Buffer.from(JSON.stringify(key)).toString('base64url') : undefined);
function decodeCursor(cursor?: string): Record<string, unknown> | undefined {
  if (!cursor) return undefined;
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new RangeError('next is not a cursor this API returned');
  }
}

/**
 * Workflows and their runs in the workspace table (single-table design: `pk`/`sk`). Workflows share
 * one partition; each workflow's runs have their own, sorted by request time, and expire by TTL.
 */
export class WorkflowStore {
  private readonly documents: DynamoDBDocumentClient;

  constructor(client: DynamoDBClient, private readonly tableName: string) {
    this.documents = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  async putWorkflow(workflow: Workflow, mustExist: boolean): Promise<void> {
    try {
      await this.documents.send(new PutCommand({
        TableName: this.tableName,
        Item: { [PARTITION_KEY]: WORKFLOW_PARTITION, [SORT_KEY]: workflow.workflowId, ...workflow },
        ConditionExpression: mustExist ? `attribute_exists(${PARTITION_KEY})` : `attribute_not_exists(${PARTITION_KEY})`,
      }));
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        throw mustExist ? new NotFoundError(`workflow ${workflow.workflowId} does not exist`) : new AlreadyExistsError(`workflow ${workflow.workflowId} exists`);
      }
      throw error;
    }
  }

  async getWorkflow(workflowId: string): Promise<Workflow> {
    const { Item } = await this.documents.send(new GetCommand({ TableName: this.tableName, Key: { [PARTITION_KEY]: WORKFLOW_PARTITION, [SORT_KEY]: workflowId } }));
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

  /** Records a run once: a second call with the same run ID fails with AlreadyExistsError. */
  async addRun(run: Run): Promise<void> {
    const expiresAt = Math.floor(Date.parse(run.requestedAt) / 1000) + RUN_RETENTION_DAYS * 86_400;
    try {
      await this.documents.send(new PutCommand({
        TableName: this.tableName,
        Item: { [PARTITION_KEY]: runPartition(run.workflowId), [SORT_KEY]: `${run.requestedAt}#${run.runId}`, ...run, [EXPIRY_ATTRIBUTE]: expiresAt },
        ConditionExpression: `attribute_not_exists(${PARTITION_KEY})`,
      }));
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new AlreadyExistsError(`run ${run.runId} of ${run.workflowId} exists`);
      throw error;
    }
  }

  /** A workflow's runs, newest first. */
  async listRuns(workflowId: string, limit: number, cursor?: string): Promise<Page<Run>> {
    return this.query(runPartition(workflowId), limit, cursor, false);
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

function withoutKeys(item: Record<string, unknown>): Record<string, unknown> {
  const rest = { ...item };
  for (const key of [PARTITION_KEY, SORT_KEY, EXPIRY_ATTRIBUTE]) delete rest[key];
  return rest;
}
