import express, { ErrorRequestHandler, NextFunction, Request, Response } from 'express';
import { timingSafeEqual } from 'node:crypto';
import { MeteringLedger } from '../ledger/ledger';
import { RequestError, StorageUnavailableError } from './errors';
import { GroupCommit } from './group-commit';
import { Logger } from './log';
import { MeteringMetrics } from './metrics';
import { parseUsageEvents } from './usage-event';

/** A body of 1,000 events with allocations fits well within this. */
export const BODY_LIMIT = '1mb';

/** What the app reads and changes besides the ledger; the server owns these and flips them on signals. */
export interface SidecarState {
  /** True from SIGTERM on: usage requests answer 503. */
  draining: boolean;
  /** False once the ledger is closed (or could not be opened). */
  storageOpen: boolean;
  /** False after AWS Marketplace answered CustomerNotEntitled (or, hourly, until RegisterUsage succeeded). */
  entitled(): boolean;
}

/** Dependencies of {@link createApp}. */
export interface AppDependencies {
  readonly ledger: MeteringLedger;
  readonly queue: GroupCommit;
  readonly dimensions: readonly string[];
  readonly state: SidecarState;
  readonly metrics: MeteringMetrics;
  readonly log: Logger;
  readonly clock: () => number;
  /** The bearer token /v1 requests must carry. @default - none required */
  readonly token?: string;
}

/** The sidecar's HTTP API (never listens; the server does). */
export function createApp(deps: AppDependencies): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  const dimensions = new Set(deps.dimensions);

  app.get('/healthz', (_req, res) => { res.json({ status: 'alive' }); });
  app.get('/readyz', (_req, res) => {
    const checks = { storage: deps.state.storageOpen, entitlement: deps.state.entitled(), accepting: !deps.state.draining };
    res.status(Object.values(checks).every(Boolean) ? 200 : 503).json(checks);
  });
  app.get('/metrics', (_req, res) => { res.type('text/plain; version=0.0.4').send(deps.metrics.render()); });

  // Without a token there is no check to run, so no middleware on the usage path either.
  if (deps.token !== undefined) app.use('/v1', requireToken(deps.token));
  app.post('/v1/usage', admitUsage(deps.state), express.json({ limit: BODY_LIMIT }), async (req, res) => {
    const events = parseUsageEvents(req.body, dimensions, deps.clock());
    const accepted = await deps.queue.record(events);
    let count = 0;
    for (const stored of accepted) if (stored) count += 1;
    deps.metrics.increment('metering_events_accepted_total', count);
    deps.metrics.increment('metering_events_duplicate_total', accepted.length - count);
    res.status(202).json({ accepted: count, duplicates: accepted.length - count });
  });
  app.get('/v1/usage/summary', async (req, res) => {
    const from = readTime(req.query.from, 'from', deps.clock() - 24 * 3_600_000);
    const to = readTime(req.query.to, 'to', deps.clock() + 3_600_000);
    if (from > to) throw new RequestError(400, 'invalid_field', 'from must not be after to', 'from');
    res.json({ hours: await deps.ledger.summary(from, to) });
  });
  app.use((_req, _res, next) => next(new RequestError(404, 'not_found', 'no such route; see POST /v1/usage, GET /v1/usage/summary, /healthz, /readyz, /metrics')));
  app.use(errorHandler(deps));
  return app;
}

function requireToken(token: string) {
  const expected = Buffer.from(`Bearer ${token}`);
  return (req: Request, _res: Response, next: NextFunction) => {
    const given = Buffer.from(req.get('authorization') ?? '');
    if (given.length === expected.length && timingSafeEqual(given, expected)) return next();
    next(new RequestError(401, 'unauthorized', 'send the sidecar token as Authorization: Bearer <token>', 'authorization'));
  };
}

/** Refuses usage while draining or with the ledger closed (503), then any body but JSON (415); one middleware, as both run on every request. */
function admitUsage(state: SidecarState) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (state.draining || !state.storageOpen) {
      res.set('retry-after', '5');
      return next(new RequestError(503, 'unavailable', state.draining ? 'the sidecar is shutting down; send to the next task' : 'the ledger is closed'));
    }
    if (req.is('application/json')) return next();
    next(new RequestError(415, 'unsupported_media_type', 'send the events as Content-Type: application/json', 'content-type'));
  };
}

function readTime(value: unknown, field: string, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const time = typeof value === 'string' ? Date.parse(value) : NaN;
  if (Number.isNaN(time)) throw new RequestError(400, 'invalid_field', `${field} must be an ISO-8601 date-time such as 2026-11-23T20:00:00Z`, field);
  return time;
}

/** Body-parser errors carry `type`; they map to the contract's statuses. */
const PARSER_ERRORS: Record<string, RequestError> = {
  'entity.too.large': new RequestError(413, 'payload_too_large', `the body is larger than ${BODY_LIMIT}; send at most 1000 events per request`, 'body'),
  'entity.parse.failed': new RequestError(400, 'invalid_json', 'the body is not valid JSON', 'body'),
  'encoding.unsupported': new RequestError(415, 'unsupported_media_type', 'the body must be UTF-8 JSON', 'content-type'),
  'charset.unsupported': new RequestError(415, 'unsupported_media_type', 'the body must be UTF-8 JSON', 'content-type'),
};

function errorHandler(deps: AppDependencies): ErrorRequestHandler {
  return (error, _req, res, _next) => {
    const known = error instanceof RequestError ? error
      : PARSER_ERRORS[(error as { type?: string }).type ?? '']
      ?? (error instanceof StorageUnavailableError ? new RequestError(503, 'storage_unavailable', 'the ledger cannot store events right now; retry with the same ids') : undefined);
    if (!known) deps.log('error', 'unexpected error answering a request', { error: (error as Error).message });
    const answer = known ?? new RequestError(500, 'internal', 'the sidecar failed unexpectedly; retry with the same ids');
    if (answer.status === 503 && error instanceof StorageUnavailableError) deps.log('error', 'ledger write failed', { error: error.message });
    deps.metrics.increment('metering_requests_rejected_total', 1, { reason: answer.code });
    res.status(answer.status).json({ error: { code: answer.code, message: answer.message, field: answer.field } });
  };
}
