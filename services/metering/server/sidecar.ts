import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { MeteringLedger } from '../ledger/ledger';
import { SqliteLedger } from '../ledger/sqlite-ledger';
import { createApp, SidecarState } from './app';
import { MeteringConfig } from './config';
import { GroupCommit } from './group-commit';
import { jsonLogger, Logger } from './log';
import { MeteringMetrics } from './metrics';
import { taskIdentity } from './task-identity';
import type { UsageReporter, UsageReporterOptions } from './usage-reporter';

/** The ECS stop timeout is 60 s; shutdown aims to be done well within it. */
export const SHUTDOWN_BUDGET_MS = 50_000;

/** Options of {@link startSidecar}; the defaults are production's. */
export interface SidecarOptions {
  /** @default Date.now */
  readonly clock?: () => number;
  /** @default jsonLogger */
  readonly log?: Logger;
  /** Static credentials for local endpoints. @default - the SDK's default chain (the task role) */
  readonly credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Jitter and first backoff of MeterUsage retries (tests shorten them). @default - see UsageReporterOptions */
  readonly baseBackoffMs?: number;
  /** How long shutdown may take. @default SHUTDOWN_BUDGET_MS */
  readonly shutdownBudgetMs?: number;
}

/** A started sidecar. */
export interface RunningSidecar {
  readonly url: string;
  readonly ledger: MeteringLedger;
  /** Absent in mode off. */
  readonly reporter?: UsageReporter;
  readonly state: SidecarState;
  /** SIGTERM's work: refuse new usage, seal and send the current hour, close the ledger. Resolves with the records left unsent. */
  stop(): Promise<number>;
}

/** The AWS SDK clients load only when the configuration needs them (each costs megabytes of memory). */
async function openLedger(config: MeteringConfig, options: SidecarOptions, now: number): Promise<MeteringLedger> {
  if (config.ledger.kind === 'sqlite') return new SqliteLedger(config.ledger.path);
  const [{ DynamoDBClient }, { DynamoDbLedger }] = await Promise.all([import('@aws-sdk/client-dynamodb'), import('../ledger/dynamodb-ledger.js')]);
  const client = new DynamoDBClient({ region: config.region, credentials: options.credentials });
  return DynamoDbLedger.open(client, config.ledger.table, await taskIdentity(), now);
}

/** Opens the ledger, starts the flush timer (custom mode) or RegisterUsage (hourly mode), and listens. */
export async function startSidecar(config: MeteringConfig, options: SidecarOptions = {}): Promise<RunningSidecar> {
  const { clock = Date.now, log = jsonLogger } = options;
  const ledger = await openLedger(config, options, clock());
  const metrics = new MeteringMetrics();
  const queue = new GroupCommit(ledger, clock);
  const reporter = config.mode === 'off' ? undefined : await startReporter(config, options, { ledger, queue, clock, log, metrics });
  let registered = config.mode !== 'hourly';
  const state: SidecarState = { draining: false, storageOpen: true, entitled: () => registered && (reporter?.entitled ?? true) };
  const app = createApp({ ledger, queue, dimensions: config.dimensions, state, metrics, log, clock, token: config.token });
  const server = await listen(app, config.bind, config.port);
  const url = `http://${config.bind.includes(':') ? `[${config.bind}]` : config.bind}:${(server.address() as AddressInfo).port}`;
  log('info', 'metering sidecar listening', { url, mode: config.mode, ledger: config.ledger.kind, owner: ledger.owner, dimensions: config.dimensions, token: config.token ? 'required' : 'none' });

  const flush = () => reporter?.flush().catch((error) => log('error', 'flush failed; retrying next interval', { error: (error as Error).message }));
  const timer = config.mode === 'custom' ? setInterval(flush, config.flushSeconds * 1000) : undefined;
  if (config.mode === 'custom') void flush();
  if (config.mode === 'hourly') void reporter?.registerUsage().then((accepted) => { registered = accepted; });

  const stop = async (): Promise<number> => {
    const deadline = Date.now() + (options.shutdownBudgetMs ?? SHUTDOWN_BUDGET_MS);
    state.draining = true;
    clearInterval(timer);
    reporter?.halt();
    await queue.drained();
    const unsent = config.mode === 'custom' && reporter ? await reporter.flushAll(deadline) : 0;
    await new Promise<void>((resolve) => { server.close(() => resolve()); server.closeIdleConnections(); });
    await queue.drained();
    await ledger.close();
    state.storageOpen = false;
    log(unsent === 0 ? 'info' : 'alarm', 'metering sidecar stopped', { unsentRecords: unsent });
    return unsent;
  };
  return { url, ledger, reporter, state, stop };
}

/** The Metering Service client and reporter, loaded only in the modes that call AWS Marketplace. */
async function startReporter(config: MeteringConfig, options: SidecarOptions, parts: Pick<UsageReporterOptions, 'ledger' | 'queue' | 'clock' | 'log' | 'metrics'>): Promise<UsageReporter> {
  const [{ MarketplaceMeteringClient }, { UsageReporter: Reporter }] = await Promise.all([import('@aws-sdk/client-marketplace-metering'), import('./usage-reporter.js')]);
  const client = new MarketplaceMeteringClient({
    region: config.region, endpoint: config.endpoint, credentials: options.credentials, maxAttempts: 1,
    requestHandler: { requestTimeout: 10_000, connectionTimeout: 5_000, throwOnRequestTimeout: true },
  });
  return new Reporter({ ...parts, client, productCode: config.productCode ?? '', baseBackoffMs: options.baseBackoffMs });
}

function listen(app: ReturnType<typeof createApp>, host: string, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host, (error?: Error) => (error ? reject(error) : resolve(server)));
    server.keepAliveTimeout = 65_000;
  });
}
