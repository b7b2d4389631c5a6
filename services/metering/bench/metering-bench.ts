import autocannon from 'autocannon';
import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { SIDECAR_NODE_FLAGS } from '../contract';
import { buildSidecar } from '../image/build-sidecar';
import { temporaryDirectory } from '../tools/temporary-directory';

/**
 * `npm run bench:metering`: a bare Express 5 JSON endpoint and the sidecar (durable SQLite ledger, run
 * from the bundle the container image runs), each in its own process, loaded in turn by autocannon from
 * this process with 50 connections. The runs alternate for BENCH_ROUNDS rounds (default 3) of
 * BENCH_SECONDS each (default 5) and the median of each is reported, so a burst of load from other
 * processes on the machine skews one round rather than the ratio.
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = 50;

interface Server { url: string; child: ChildProcess }

function startServer(script: string, env: Record<string, string> = {}): Promise<Server> {
  const child = spawn(process.execPath, script.endsWith('.ts') ? ['--import', 'tsx', script] : [...SIDECAR_NODE_FLAGS, script], { env: { PATH: process.env.PATH, METERING_PORT: '0', ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const entry = JSON.parse(line);
      if (entry.message === 'metering sidecar listening') resolve({ url: entry.url, child });
    });
  });
}

/** Peak resident set size (VmHWM) of a process, in MB. */
function peakRssMb(pid: number): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : NaN;
}

interface Run { requestsPerSecond: number; p50: number; p99: number; non2xx: number; errors: number }

async function load(url: string, body: () => string, seconds = SECONDS): Promise<Run> {
  const result = await autocannon({
    url: `${url}/v1/usage`, connections: CONNECTIONS, duration: seconds, method: 'POST',
    headers: { 'content-type': 'application/json' },
    requests: [{ setupRequest: (request) => ({ ...request, body: body() }) }],
  });
  return { requestsPerSecond: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors };
}

let sequence = 0;
const single = () => '{"dimension":"AutomationRuns","quantity":1}';
const singleWithId = () => `{"dimension":"AutomationRuns","quantity":1,"id":"bench-${(sequence += 1)}"}`;
const BATCH = `[${Array.from({ length: 100 }, () => single()).join(',')}]`;
const batch = () => BATCH;

async function measure(name: string, server: Server, body: () => string): Promise<Run> {
  const run = await load(server.url, body);
  if (run.non2xx > 0 || run.errors > 0) throw new Error(`${name}: ${run.non2xx} non-2xx answers and ${run.errors} errors`);
  return run;
}

/** The run with the median throughput. */
function median(runs: Run[]): Run {
  return [...runs].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond)[Math.floor(runs.length / 2)];
}

async function main(): Promise<void> {
  const dir = temporaryDirectory();
  const bare = await startServer(join(__dirname, 'bare-express.ts'));
  const sidecar = await startServer(buildSidecar(), {
    METERING_MODE: 'off', METERING_DIMENSIONS: 'AutomationRuns,AiAssistedSteps', METERING_STORAGE: `sqlite:${join(dir.path, 'ledger.sqlite')}`,
  });
  try {
    for (const [server, body] of [[bare, single], [sidecar, single], [sidecar, batch]] as const) await load(server.url, body, 2);
    const rounds: Record<'baseline' | 'durable' | 'durableWithIds' | 'batched', Run[]> = { baseline: [], durable: [], durableWithIds: [], batched: [] };
    for (let round = 0; round < ROUNDS; round += 1) {
      rounds.baseline.push(await measure('bare Express', bare, single));
      rounds.durable.push(await measure('sidecar, single event', sidecar, single));
      rounds.durableWithIds.push(await measure('sidecar, single event with id', sidecar, singleWithId));
      rounds.batched.push(await measure('sidecar, batches of 100', sidecar, batch));
    }
    const [baseline, durable, durableWithIds, batched] = [rounds.baseline, rounds.durable, rounds.durableWithIds, rounds.batched].map(median);
    const ratios = (runs: Run[]) => runs.map((run, i) => run.requestsPerSecond / rounds.baseline[i].requestsPerSecond);
    const medianOf = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
    const rss = peakRssMb(sidecar.child.pid!);
    const row = (name: string, run: Run) => `| ${name} | ${Math.round(run.requestsPerSecond)} | ${run.p50} | ${run.p99} |`;
    const lines = [
      `${cpus().length} CPUs (${cpus()[0].model}), load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}, Node ${process.version}, ${CONNECTIONS} connections, median of ${ROUNDS} alternating runs of ${SECONDS} s`,
      '',
      '| endpoint | requests/s | p50 ms | p99 ms |',
      '| --- | --- | --- | --- |',
      row('bare Express 5 JSON POST', baseline),
      row('sidecar, one event per request (durable)', durable),
      row('sidecar, one event with an id per request (durable)', durableWithIds),
      row('sidecar, 100 events per request (durable)', batched),
      '',
      `single event: ${medianOf(ratios(rounds.durable)).toFixed(2)}x bare Express (target >= 0.85; median of the rounds' ratios ${ratios(rounds.durable).map((r) => r.toFixed(2)).join(', ')}); with ids ${medianOf(ratios(rounds.durableWithIds)).toFixed(2)}x`,
      `batched: ${Math.round(batched.requestsPerSecond * 100)} events/s (target >= 100000)`,
      `p99: ${durable.p99} ms single, ${batched.p99} ms batched (target < 10)`,
      `sidecar peak RSS: ${rss.toFixed(1)} MB (target < 100)`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    bare.child.kill('SIGTERM');
    sidecar.child.kill('SIGTERM');
    await Promise.all([bare, sidecar].map(({ child }) => new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve(null)))));
    dir.remove();
  }
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
