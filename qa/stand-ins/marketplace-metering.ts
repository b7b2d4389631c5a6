import express, { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { Server } from 'node:http';
import { AddressInfo } from 'node:net';

/** What the stand-in can do to a call instead of (or after) answering it truthfully. */
export type Fault =
  | 'throttle' | 'server-error' | 'timeout' | 'duplicate' | 'timestamp-out-of-bounds' | 'not-entitled'
  /** Records the usage, then answers 500 as if the response were lost on the way back. */
  | 'record-then-server-error';

/** One call as the stand-in saw it. */
export interface MeteringCall {
  readonly operation: string;
  readonly body: Record<string, any>;
  /** HTTP status answered (0: never answered), and the error type when it was an error. */
  readonly status: number;
  readonly error?: string;
}

/** Options of {@link startMeteringServiceStandIn}. */
export interface StandInOptions {
  /** The service's clock, for the 6-hour window. @default Date.now */
  readonly clock?: () => number;
  /** Dimensions of the listing. @default - any */
  readonly dimensions?: readonly string[];
  /** How long a `timeout` fault holds the request. @default 15 seconds */
  readonly timeoutMs?: number;
}

/** A running stand-in for AWS Marketplace Metering Service. */
export interface MeteringServiceStandIn {
  /** `http://127.0.0.1:<port>`, for the SDK's `endpoint` (METERING_ENDPOINT). */
  readonly endpoint: string;
  readonly calls: MeteringCall[];
  /** Metered usage, keyed `hour ISO|dimension`: the quantity AWS would bill. */
  readonly metered: Map<string, { quantity: number; recordId: string; allocations?: unknown }>;
  /** Decides a fault per call (after the queued ones are used up). @default - none */
  faultPolicy: (operation: string, body: Record<string, any>) => Fault | undefined;
  /** Queues faults for the next calls, in order. */
  inject(...faults: Fault[]): void;
  stop(): Promise<void>;
}

const HOUR_MS = 3_600_000;
const ERRORS: Record<Exclude<Fault, 'timeout' | 'record-then-server-error'>, [number, string]> = {
  'throttle': [400, 'ThrottlingException'],
  'server-error': [500, 'InternalServiceErrorException'],
  'duplicate': [400, 'DuplicateRequestException'],
  'timestamp-out-of-bounds': [400, 'TimestampOutOfBoundsException'],
  'not-entitled': [400, 'CustomerNotEntitledException'],
};

/**
 * An HTTP server speaking the Metering Service's AWS JSON 1.1 protocol (POST /, `x-amz-target:
 * AWSMPMeteringService.<Operation>`), so the real SDK client talks to it. It keeps AWS's rules: one
 * record per hour and dimension (the identical request again returns the same MeteringRecordId, a
 * different quantity is DuplicateRequestException), the 6-hour window, allocations that add up, and
 * ClientToken reuse with other parameters (IdempotencyConflictException). It records every call.
 */
export async function startMeteringServiceStandIn(options: StandInOptions = {}): Promise<MeteringServiceStandIn> {
  const { clock = Date.now, timeoutMs = 15_000 } = options;
  const queued: Fault[] = [];
  const tokens = new Map<string, string>();
  const held = new Set<Response>();
  const standIn = {
    calls: [] as MeteringCall[],
    metered: new Map<string, { quantity: number; recordId: string; allocations?: unknown }>(),
    faultPolicy: (() => undefined) as MeteringServiceStandIn['faultPolicy'],
    inject: (...faults: Fault[]) => { queued.push(...faults); },
  };
  const answer = (res: Response, operation: string, body: Record<string, any>, status: number, payload: Record<string, unknown>) => {
    standIn.calls.push({ operation, body, status, error: status >= 300 ? String(payload.__type) : undefined });
    res.status(status).type('application/x-amz-json-1.1').send(JSON.stringify(payload));
  };
  const fail = (res: Response, operation: string, body: Record<string, any>, status: number, type: string, message: string) =>
    answer(res, operation, body, status, { __type: type, message });

  const meterUsage = (req: Request, res: Response, fault: Fault | undefined) => {
    const body = req.body as Record<string, any>;
    const timestamp = Number(body.Timestamp) * 1000;
    const hour = Math.floor(timestamp / HOUR_MS) * HOUR_MS;
    if (!body.ProductCode || !body.UsageDimension || Number.isNaN(timestamp)) return fail(res, 'MeterUsage', body, 400, 'ValidationException', 'ProductCode, UsageDimension and Timestamp are required');
    if (timestamp < clock() - 6 * HOUR_MS || timestamp > clock() + HOUR_MS) return fail(res, 'MeterUsage', body, 400, 'TimestampOutOfBoundsException', 'Timestamp is outside the allowed window');
    if (options.dimensions && !options.dimensions.includes(body.UsageDimension)) return fail(res, 'MeterUsage', body, 400, 'InvalidUsageDimensionException', `unknown dimension ${body.UsageDimension}`);
    const quantity = body.UsageQuantity ?? 0;
    const allocations = body.UsageAllocations as { AllocatedUsageQuantity: number }[] | undefined;
    if (allocations && allocations.reduce((sum, a) => sum + a.AllocatedUsageQuantity, 0) !== quantity) return fail(res, 'MeterUsage', body, 400, 'InvalidUsageAllocationsException', 'allocations do not add up to UsageQuantity');
    const signature = JSON.stringify([body.ProductCode, hour, body.UsageDimension, quantity, allocations]);
    if (body.ClientToken && tokens.has(body.ClientToken) && tokens.get(body.ClientToken) !== signature) return fail(res, 'MeterUsage', body, 409, 'IdempotencyConflictException', 'ClientToken reused with other parameters');
    const key = `${new Date(hour).toISOString()}|${body.UsageDimension}`;
    const existing = standIn.metered.get(key);
    if (existing && (existing.quantity !== quantity || JSON.stringify(existing.allocations) !== JSON.stringify(allocations))) {
      return fail(res, 'MeterUsage', body, 400, 'DuplicateRequestException', 'a different quantity was already metered for this hour and dimension');
    }
    const record = existing ?? { quantity, recordId: randomUUID(), allocations };
    standIn.metered.set(key, record);
    if (body.ClientToken) tokens.set(body.ClientToken, signature);
    if (fault === 'record-then-server-error') return fail(res, 'MeterUsage', body, 500, 'InternalServiceErrorException', 'injected: recorded, then the answer was lost');
    answer(res, 'MeterUsage', body, 200, { MeteringRecordId: record.recordId });
  };

  const app = express();
  app.post('/', express.json({ type: 'application/x-amz-json-1.1' }), (req, res) => {
    const operation = String(req.get('x-amz-target') ?? '').replace('AWSMPMeteringService.', '');
    const body = req.body as Record<string, any>;
    const fault = queued.shift() ?? standIn.faultPolicy(operation, body);
    if (fault === 'timeout') {
      standIn.calls.push({ operation, body, status: 0, error: 'timeout' });
      held.add(res);
      setTimeout(() => { held.delete(res); res.destroy(); }, timeoutMs).unref();
      return;
    }
    if (fault && fault !== 'record-then-server-error') {
      const [status, type] = ERRORS[fault];
      return fail(res, operation, body, status, type, `injected ${fault}`);
    }
    if (operation === 'MeterUsage') return meterUsage(req, res, fault);
    if (operation === 'RegisterUsage') return answer(res, operation, body, 200, { Signature: 'stand-in', PublicKeyRotationTimestamp: Math.floor(clock() / 1000) });
    fail(res, operation, body, 400, 'UnknownOperationException', `the stand-in does not serve ${operation}`);
  });

  const server: Server = await new Promise((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)); });
  return Object.assign(standIn, {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () => new Promise<void>((resolve) => {
      for (const res of held) res.destroy();
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  });
}
