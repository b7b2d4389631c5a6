import { randomUUID } from 'node:crypto';

/**
 * The ECS task this sidecar runs in (its task ARN, from the task metadata endpoint that ECS exposes to
 * every container), which names its partition of the ledger. Outside ECS, a fresh id per process.
 */
export async function taskIdentity(env: Record<string, string | undefined> = process.env): Promise<string> {
  const metadata = env.ECS_CONTAINER_METADATA_URI_V4;
  if (metadata) {
    const response = await fetch(`${metadata}/task`, { signal: AbortSignal.timeout(5000) });
    const { TaskARN } = await response.json() as { TaskARN?: string };
    if (TaskARN) return TaskARN.split('/').pop()!;
  }
  return `process-${randomUUID()}`;
}
