import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { StepKind } from './definition/bot-definition';
import { executionPartition } from './run-items';
import { EXPIRY_ATTRIBUTE, PARTITION_KEY, SORT_KEY } from './table-schema';

/** What happened to one executed step of a run: kept in the table, shown by `GET .../runs/{runId}`. */
export interface StepResult {
  /** Its place in the run's execution (a step that a condition loops back to runs again under a new number). */
  readonly seq: number;
  readonly stepId: string;
  readonly kind: StepKind;
  readonly status: 'succeeded' | 'failed' | 'waiting';
  readonly startedAt: string;
  readonly endedAt?: string;
  readonly durationMs?: number;
  readonly attempts: number;
  /** The evaluated inputs, credentials by name only. */
  readonly input?: unknown;
  readonly output?: unknown;
  readonly error?: string;
  /** The step that runs next; absent at the end of the run. */
  readonly next?: string;
  /** What a waiting step needs to resume (the approval's execution, the end of a wait). */
  readonly progress?: Record<string, unknown>;
}

/**
 * Every step result of a run, in the order the steps ran, across as many pages as the query takes
 * (a long run's results exceed one 1 MB page); read consistently, as a resuming engine needs.
 */
export async function readStepResults(documents: DynamoDBDocumentClient, tableName: string, runId: string): Promise<StepResult[]> {
  const results: StepResult[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await documents.send(new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: `${PARTITION_KEY} = :pk AND begins_with(${SORT_KEY}, :step)`,
      ExpressionAttributeValues: { ':pk': executionPartition(runId), ':step': 'STEP#' },
      ConsistentRead: true,
      ExclusiveStartKey: start,
    }));
    for (const { [PARTITION_KEY]: _pk, [SORT_KEY]: _sk, [EXPIRY_ATTRIBUTE]: _expiry, ...result } of page.Items ?? []) results.push(result as StepResult);
    start = page.LastEvaluatedKey;
  } while (start);
  return results;
}
