import { MarketplaceMeteringClient } from '@aws-sdk/client-marketplace-metering';
import { join } from 'node:path';
import { MeteringServiceStandIn, startMeteringServiceStandIn } from '../../../qa/stand-ins/marketplace-metering';
import { MeteringLedger } from '../ledger/ledger';
import { SqliteLedger } from '../ledger/sqlite-ledger';
import { createApp, SidecarState } from '../server/app';
import { GroupCommit } from '../server/group-commit';
import { Logger } from '../server/log';
import { MeteringMetrics } from '../server/metrics';
import { UsageReporter } from '../server/usage-reporter';
import { temporaryDirectory } from '../tools/temporary-directory';

export const DIMENSIONS = ['AutomationRuns', 'AiAssistedSteps'];
export const PRODUCT_CODE = 'abc123productcode';
export const LOCAL_CREDENTIALS = { accessKeyId: 'testing', secretAccessKey: 'testing' };

/** A clock tests move by hand. */
export interface FakeClock {
  (): number;
  set(iso: string): void;
  advance(ms: number): void;
}

export function fakeClock(iso: string): FakeClock {
  let now = Date.parse(iso);
  return Object.assign(() => now, { set: (to: string) => { now = Date.parse(to); }, advance: (ms: number) => { now += ms; } });
}

/** The SDK client pointed at a stand-in, with the sidecar's settings (no SDK retries: the reporter retries). */
export function meteringClient(standIn: MeteringServiceStandIn, requestTimeout = 500): MarketplaceMeteringClient {
  return new MarketplaceMeteringClient({ region: 'us-east-1', endpoint: standIn.endpoint, credentials: LOCAL_CREDENTIALS, maxAttempts: 1, requestHandler: { requestTimeout, throwOnRequestTimeout: true } });
}

/** The sidecar's parts on a SQLite ledger in a temporary file, a fake clock, and a Metering Service stand-in sharing that clock. */
export interface Harness {
  readonly app: ReturnType<typeof createApp>;
  readonly ledger: MeteringLedger;
  readonly queue: GroupCommit;
  readonly reporter: UsageReporter;
  readonly standIn: MeteringServiceStandIn;
  readonly clock: FakeClock;
  readonly metrics: MeteringMetrics;
  readonly state: SidecarState;
  readonly logs: { level: string; message: string; fields?: Record<string, unknown> }[];
  close(): Promise<void>;
}

export async function startHarness(options: { start?: string; token?: string; ledger?: () => Promise<MeteringLedger> } = {}): Promise<Harness> {
  const clock = fakeClock(options.start ?? '2026-11-23T10:20:00Z');
  const dir = temporaryDirectory();
  const ledger = await options.ledger?.() ?? new SqliteLedger(join(dir.path, 'ledger.sqlite'));
  const standIn = await startMeteringServiceStandIn({ clock, dimensions: DIMENSIONS, timeoutMs: 1000 });
  const metrics = new MeteringMetrics();
  const queue = new GroupCommit(ledger, clock);
  const logs: Harness['logs'] = [];
  const log: Logger = (level, message, fields) => { logs.push({ level, message, fields }); };
  const client = meteringClient(standIn);
  const reporter = new UsageReporter({ ledger, queue, client, productCode: PRODUCT_CODE, clock, log, metrics, random: () => 0.5 });
  const state: SidecarState = { draining: false, storageOpen: true, entitled: () => reporter.entitled };
  const app = createApp({ ledger, queue, dimensions: DIMENSIONS, state, metrics, log, clock, token: options.token });
  return {
    app, ledger, queue, reporter, standIn, clock, metrics, state, logs,
    close: async () => {
      client.destroy();
      await standIn.stop();
      await ledger.close();
      dir.remove();
    },
  };
}

/** The total the stand-in metered per dimension. */
export function meteredTotals(standIn: MeteringServiceStandIn): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const [key, { quantity }] of standIn.metered) {
    const dimension = key.split('|')[1];
    totals[dimension] = (totals[dimension] ?? 0) + quantity;
  }
  return totals;
}
