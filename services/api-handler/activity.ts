import type { APIGatewayProxyEvent } from 'aws-lambda';
import { ApiError } from './responses';
import type { RouteContext, RouteResult } from './route-context';

const DEFAULT_DAYS = 7;
const MAX_DAYS = 90;
const LATEST_FAILURES = 20;

/**
 * `GET /activity?days=7`: the seed's Activity tab. For each workflow, its succeeded and failed runs
 * per day (UTC) over the last `days` days, and the latest failed runs with the step and error.
 */
export async function activity(event: APIGatewayProxyEvent, { store, now }: RouteContext): Promise<RouteResult> {
  const days = dayCount(event.queryStringParameters?.days);
  const today = now();
  const dates = Array.from({ length: days }, (_, index) => new Date(today.getTime() - index * 86_400_000).toISOString().slice(0, 10)).reverse();
  const counts = await store.dailyActivity(dates);
  const byWorkflow = new Map<string, { workflowId: string; succeeded: number; failed: number; days: { day: string; succeeded: number; failed: number }[] }>();
  for (const count of counts) {
    const entry = byWorkflow.get(count.workflowId) ?? { workflowId: count.workflowId, succeeded: 0, failed: 0, days: [] };
    entry.succeeded += count.succeeded;
    entry.failed += count.failed;
    entry.days.push({ day: count.day, succeeded: count.succeeded, failed: count.failed });
    byWorkflow.set(count.workflowId, entry);
  }
  return {
    status: 200,
    body: { from: dates[0], to: dates.at(-1), workflows: [...byWorkflow.values()], latestFailures: await store.latestFailures(LATEST_FAILURES) },
  };
}

function dayCount(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_DAYS;
  const days = Number(raw);
  if (!Number.isInteger(days) || days < 1 || days > MAX_DAYS) throw new ApiError(400, 'invalid_days', `days must be a whole number from 1 to ${MAX_DAYS}`, 'days');
  return days;
}
