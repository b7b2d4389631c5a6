import type { APIGatewayProxyEvent } from 'aws-lambda';
import { z } from 'zod';
import { AUDIT_ACTIONS, AuditLog } from '../workspace-data/documents/audit-log';
import { ApiError } from './responses';
import type { RouteResult } from './routes';

const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 100;

const instant = (field: string) => z.iso.datetime({ offset: true, message: `${field} must be an ISO 8601 instant, for example 2026-12-01T00:00:00Z` }).transform((value) => new Date(value));

const querySchema = z.object({
  actor: z.string().trim().min(1).max(320).optional(),
  action: z.enum(AUDIT_ACTIONS, { message: `action must be one of ${AUDIT_ACTIONS.join(', ')}` }).optional(),
  from: instant('from').optional(),
  to: instant('to').optional(),
  limit: z.coerce.number({ message: `limit must be a whole number from 1 to ${MAX_PAGE_SIZE}` }).int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
  next: z.string().max(200).optional(),
}).strict();

const cursorSchema = z.object({ at: z.iso.datetime(), id: z.string().regex(/^[0-9a-f]{24}$/) });

/**
 * `GET /audit?actor=&action=&from=&to=&limit=&next=`: the audit log, newest first, filtered by who,
 * what and when; `next` continues after the previous page's last entry.
 */
export async function auditRoute(event: APIGatewayProxyEvent, audit: AuditLog): Promise<RouteResult> {
  const parsed = querySchema.safeParse(event.queryStringParameters ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    if (issue.code === 'unrecognized_keys') {
      throw new ApiError(400, 'invalid_query', `${issue.keys[0]}: unknown query parameter; use actor, action, from, to, limit or next`, issue.keys[0]);
    }
    const field = String(issue.path[0]);
    throw new ApiError(400, 'invalid_query', `${field}: ${issue.message}`, field);
  }
  const { limit, next, ...filter } = parsed.data;
  if (filter.from && filter.to && filter.from >= filter.to) throw new ApiError(400, 'invalid_query', 'from: must be before to', 'from');
  const entries = await audit.list(filter, limit + 1, next === undefined ? undefined : decodeCursor(next));
  const items = entries.slice(0, limit).map((entry) => ({ ...entry, at: entry.at.toISOString() }));
  const last = items.at(-1);
  return { status: 200, body: { items, ...(entries.length > limit && last ? { next: encodeCursor(last.at, last.id) } : {}) } };
}

function encodeCursor(at: string, id: string): string {
  return Buffer.from(JSON.stringify({ at, id })).toString('base64url');
}

function decodeCursor(raw: string): { at: Date; id: string } {
  try {
    const cursor = cursorSchema.parse(JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')));
    return { at: new Date(cursor.at), id: cursor.id };
  } catch {
    throw new ApiError(400, 'invalid_cursor', 'next is not a cursor this API returned; start again without it', 'next');
  }
}
