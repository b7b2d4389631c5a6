import type { APIGatewayProxyEvent } from 'aws-lambda';
import { z } from 'zod';
import { AUDIT_ACTIONS, AuditLog } from '../workspace-data/documents/audit-log';
import { decodePageCursor, encodePageCursor } from '../workspace-data/page-cursor';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, PAGE_SIZE_RULE } from './paging';
import { ApiError } from './responses';
import type { RouteResult } from './route-context';

const instant = (field: string) => z.iso.datetime({ offset: true, message: `${field} must be an ISO 8601 instant, for example 2026-12-01T00:00:00Z` }).transform((value) => new Date(value));

const querySchema = z.object({
  actor: z.string().trim().min(1).max(320).optional(),
  action: z.enum(AUDIT_ACTIONS, { message: `action must be one of ${AUDIT_ACTIONS.join(', ')}` }).optional(),
  from: instant('from').optional(),
  to: instant('to').optional(),
  limit: z.coerce.number({ message: PAGE_SIZE_RULE }).int(PAGE_SIZE_RULE).min(1, PAGE_SIZE_RULE).max(MAX_PAGE_SIZE, PAGE_SIZE_RULE).default(DEFAULT_PAGE_SIZE),
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
  return { status: 200, body: { items, ...(entries.length > limit && last ? { next: encodePageCursor({ at: last.at, id: last.id }) } : {}) } };
}

function decodeCursor(token: string): { at: Date; id: string } {
  const cursor = cursorSchema.safeParse(decodePageCursor(token));
  if (!cursor.success) throw new RangeError('next is not a cursor this API returned; start again without it');
  return { at: new Date(cursor.data.at), id: cursor.data.id };
}
