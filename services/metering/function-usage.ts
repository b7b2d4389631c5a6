import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDbLedger } from './ledger/dynamodb-ledger';
import { parseUsageEvents } from './server/usage-event';

/** Where a workspace Lambda function records usage. */
export interface FunctionUsageOptions {
  readonly client: DynamoDBClient;
  /** The workspace table (TABLE_NAME). */
  readonly table: string;
  /** The listing's dimensions (the sidecar's METERING_DIMENSIONS). */
  readonly dimensions: readonly string[];
  /** @default Date.now() */
  readonly now?: number;
}

/**
 * For the workspace's Lambda functions: validates usage events exactly as POST /v1/usage does and
 * writes them, idempotently by id, into the ledger's functions partition of the workspace table. A
 * sidecar adopts them into its task's current hour on its next flush, so AWS Marketplace receives them
 * from a task, as it requires of a container product. Resolves with the count of new and repeated events.
 */
export async function recordFunctionUsage(body: unknown, options: FunctionUsageOptions): Promise<{ accepted: number; duplicates: number }> {
  const now = options.now ?? Date.now();
  const events = parseUsageEvents(body, new Set(options.dimensions), now);
  const accepted = await DynamoDbLedger.forFunctions(options.client, options.table).record(events, now);
  const count = accepted.filter(Boolean).length;
  return { accepted: count, duplicates: accepted.length - count };
}
