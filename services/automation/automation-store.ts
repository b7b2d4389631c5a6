import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { EXPIRY_ATTRIBUTE, PARTITION_KEY, SORT_KEY } from '../workspace-data/table-schema';
import { AutomationRequest } from './automation-request';
import { RiskAssessment } from './risk-assessment';

/** Approvals and action tasks are kept this long after they are created, then removed by TTL. */
export const AUTOMATION_RETENTION_DAYS = 90;
const APPROVAL_PARTITION = 'APPROVAL';
const TASK_PARTITION = 'TASK';

/** An automation waiting for (or given) a person's decision. */
export interface Approval {
  readonly approvalId: string;
  readonly executionArn: string;
  readonly request: AutomationRequest;
  readonly risk: RiskAssessment;
  readonly status: 'pending' | 'approved' | 'rejected';
  readonly requestedAt: string;
  /** After this, Step Functions has abandoned the wait and a decision is refused. */
  readonly decideBy: string;
  readonly decidedBy?: string;
  readonly decidedAt?: string;
  readonly comment?: string;
}

/** An action handed to the agents; the agent that performs it sets `status` to succeeded or failed. */
export interface ActionTask {
  readonly taskId: string;
  readonly executionArn: string;
  readonly purpose: 'apply' | 'roll-back';
  readonly status: 'queued' | 'running' | 'succeeded' | 'failed';
  readonly queuedAt: string;
  readonly detail?: string;
}

/** An approval that does not exist, or was already decided. */
export class ApprovalNotFoundError extends Error {}
export class ApprovalDecidedError extends Error {}

const expiry = (at: string) => Math.floor(Date.parse(at) / 1000) + AUTOMATION_RETENTION_DAYS * 86_400;

/** Approvals (with their Step Functions task tokens) and action tasks in the workspace table. */
export class AutomationStore {
  private readonly documents: DynamoDBDocumentClient;

  constructor(client: DynamoDBClient, private readonly tableName: string) {
    this.documents = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  async addApproval(approval: Approval, taskToken: string): Promise<void> {
    await this.documents.send(new PutCommand({
      TableName: this.tableName,
      Item: { [PARTITION_KEY]: APPROVAL_PARTITION, [SORT_KEY]: approval.approvalId, ...approval, taskToken, [EXPIRY_ATTRIBUTE]: expiry(approval.requestedAt) },
      ConditionExpression: `attribute_not_exists(${PARTITION_KEY})`,
    }));
  }

  /** The approval and its task token; the token never leaves the service. */
  async getApproval(approvalId: string): Promise<{ approval: Approval; taskToken: string }> {
    const { Item } = await this.documents.send(new GetCommand({ TableName: this.tableName, Key: { [PARTITION_KEY]: APPROVAL_PARTITION, [SORT_KEY]: approvalId } }));
    if (!Item) throw new ApprovalNotFoundError(`approval ${approvalId} does not exist`);
    const { taskToken, rest } = stored(Item);
    return { approval: rest as unknown as Approval, taskToken: String(taskToken) };
  }

  /** Approvals still waiting for a decision at `now`, oldest first. */
  async pendingApprovals(now: Date): Promise<Approval[]> {
    const pending: Approval[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.documents.send(new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: `${PARTITION_KEY} = :pk`,
        FilterExpression: '#status = :pending AND decideBy > :now',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':pk': APPROVAL_PARTITION, ':pending': 'pending', ':now': now.toISOString() },
        ExclusiveStartKey: start,
      }));
      pending.push(...(page.Items ?? []).map((item) => stored(item).rest as unknown as Approval));
      start = page.LastEvaluatedKey;
    } while (start);
    return pending.sort((a, b) => a.requestedAt.localeCompare(b.requestedAt));
  }

  /** Records a decision once; a second decision fails with ApprovalDecidedError. */
  async recordDecision(approvalId: string, decision: { status: 'approved' | 'rejected'; by: string; at: string; comment?: string }): Promise<void> {
    try {
      await this.documents.send(new UpdateCommand({
        TableName: this.tableName,
        Key: { [PARTITION_KEY]: APPROVAL_PARTITION, [SORT_KEY]: approvalId },
        UpdateExpression: 'SET #status = :status, decidedBy = :by, decidedAt = :at, #comment = :comment',
        ConditionExpression: '#status = :pending',
        ExpressionAttributeNames: { '#status': 'status', '#comment': 'comment' },
        ExpressionAttributeValues: { ':status': decision.status, ':by': decision.by, ':at': decision.at, ':comment': decision.comment ?? '', ':pending': 'pending' },
      }));
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new ApprovalDecidedError(`approval ${approvalId} was already decided`);
      throw error;
    }
  }

  async addTask(task: ActionTask): Promise<void> {
    await this.documents.send(new PutCommand({
      TableName: this.tableName,
      Item: { [PARTITION_KEY]: TASK_PARTITION, [SORT_KEY]: task.taskId, ...task, [EXPIRY_ATTRIBUTE]: expiry(task.queuedAt) },
    }));
  }

  async getTask(taskId: string): Promise<ActionTask | undefined> {
    const { Item } = await this.documents.send(new GetCommand({ TableName: this.tableName, Key: { [PARTITION_KEY]: TASK_PARTITION, [SORT_KEY]: taskId }, ConsistentRead: true }));
    if (!Item) return undefined;
    return stored(Item).rest as unknown as ActionTask;
  }

  /** What an agent calls when it has performed a task. */
  async finishTask(taskId: string, status: 'succeeded' | 'failed', detail: string): Promise<void> {
    await this.documents.send(new UpdateCommand({
      TableName: this.tableName,
      Key: { [PARTITION_KEY]: TASK_PARTITION, [SORT_KEY]: taskId },
      UpdateExpression: 'SET #status = :status, detail = :detail',
      ConditionExpression: `attribute_exists(${PARTITION_KEY})`,
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':status': status, ':detail': detail },
    }));
  }
}

/** An item without the table's keys and expiry, and with its task token apart. */
function stored(item: Record<string, unknown>): { taskToken?: unknown; rest: Record<string, unknown> } {
  const { [PARTITION_KEY]: _pk, [SORT_KEY]: _sk, [EXPIRY_ATTRIBUTE]: _expiry, taskToken, ...rest } = item;
  return { taskToken, rest };
}
