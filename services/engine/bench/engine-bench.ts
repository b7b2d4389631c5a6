import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { readFileSync } from 'node:fs';
import { createWorkspaceTable } from '../../../qa/local-aws/workspace-table';
import { LocalWorkspace, startLocalWorkspace } from '../../../qa/local-workspace/local-workspace';
import { StepResult } from '../../workspace-data/step-result';
import { workflowInputSchema } from '../../workspace-data/workflow';
import { WorkflowService } from '../../workspace-data/workflow-service';
import { WorkflowStore } from '../../workspace-data/workflow-store';
import { MeteringClient } from '../metering-client';
import { buildEngine } from '../build-engine';
import { RunQueue } from '../runs/run-queue';

/**
 * `npm run bench:engine`: the engine on the local workspace (moto, FerretDB, the real sidecar), against
 * a baseline that makes the same database calls per run in a straight line (claim, read the run, its
 * definition and history, meter, mark it running, one checkpoint per step, end, two audit entries), with
 * the same concurrency, in the same run. Prints throughput, queued-to-started latency, the engine's
 * own time per step and its resident memory.
 */
const RUNS = Number(process.env.BENCH_RUNS ?? 150);
const CONCURRENCY = 10;
const LATENCY_RUNS = 40;
const LATENCY_INTERVAL_MS = 250;
const STEPS = [
  { id: 'pick', kind: 'transform', inputs: { expression: '{"host": input.host, "score": 7.5}' } },
  { id: 'rate', kind: 'transform', inputs: { expression: 'steps.pick.score > 7 ? "high" : "low"' } },
  { id: 'report', kind: 'transform', inputs: { expression: '{"host": steps.pick.host, "risk": steps.rate}' } },
];

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(p * values.length))];
const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

/** One phase's own table (moto copies every table on each transaction, so phases must not grow one another's). */
interface Phase {
  readonly tableName: string;
  readonly store: WorkflowStore;
  readonly workflows: WorkflowService;
  readonly workflowId: string;
  done(): Promise<void>;
}

async function phase(workspace: LocalWorkspace): Promise<Phase> {
  const tableName = await createWorkspaceTable(workspace.dynamoDb);
  const store = new WorkflowStore(workspace.dynamoDb, tableName);
  const workflows = new WorkflowService(store, workspace.definitions, workspace.audit);
  const { workflowId } = await workflows.create(workflowInputSchema.parse({ name: 'bench', steps: STEPS }), 'bench', new Date());
  return { tableName, store, workflows, workflowId, done: async () => { await workspace.dynamoDb.send(new DeleteTableCommand({ TableName: tableName })); } };
}

async function queueRuns(at: Phase, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let index = 0; index < count; index += 1) ids.push((await at.workflows.queueRun(at.workflowId, { by: 'bench', trigger: 'manual', input: { host: `srv-${index}` } }, new Date())).runId);
  return ids;
}

async function untilEnded(at: Phase, runIds: string[]): Promise<void> {
  for (const runId of runIds) {
    for (;;) {
      const run = await at.store.getRun(runId);
      if (run.status === 'succeeded') break;
      if (run.status === 'failed') throw new Error(`run ${runId} failed: ${run.error?.message}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/** One run's database calls, as the engine makes them, without the engine: the baseline. */
async function straightLineRun(queue: RunQueue, workspace: LocalWorkspace, metering: MeteringClient): Promise<boolean> {
  const lease = await queue.claimNext();
  if (!lease) return false;
  const run = await queue.run(lease);
  const definition = await workspace.definitions.get(run.workflowId, run.definitionVersion);
  await queue.steps(run.runId);
  const at = new Date().toISOString();
  await metering.record('AutomationRuns', run.runId);
  await queue.markRunning(lease, at, true);
  await workspace.audit.append({ actor: run.requestedBy, action: 'run.started', target: `run/${run.runId}`, outcome: 'success', at: new Date() });
  const steps = definition!.definition.steps;
  for (const [index, step] of steps.entries()) {
    const result: StepResult = { seq: index + 1, stepId: step.id, kind: step.kind, status: 'succeeded', startedAt: at, endedAt: at, durationMs: 0, attempts: 1, input: step.inputs, output: index, next: steps[index + 1]?.id };
    await queue.recordStep(lease, result);
  }
  await queue.end(lease, 'succeeded', new Date().toISOString());
  await workspace.audit.append({ actor: run.requestedBy, action: 'run.ended', target: `run/${run.runId}`, outcome: 'success', at: new Date() });
  return true;
}

async function startDelays(at: Phase, runIds: string[]): Promise<number[]> {
  const delays: number[] = [];
  for (const runId of runIds) {
    const run = await at.store.getRun(runId);
    delays.push(Date.parse(run.startedAt!) - Date.parse(run.requestedAt));
  }
  return delays;
}

/** CPU milliseconds a process has used (user + system), from /proc. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function main(): Promise<void> {
  // The engine as its image runs it: the esbuild bundle, under plain node.
  const bundle = buildEngine();
  const workspace = await startLocalWorkspace();
  try {
    // Baseline: the same calls per run, CONCURRENCY workers in a straight line each, in this process.
    const baseline = await phase(workspace);
    await queueRuns(baseline, RUNS);
    const queue = new RunQueue(workspace.dynamoDb, baseline.tableName, { owner: 'baseline', leaseMs: 30_000 });
    const metering = new MeteringClient(workspace.sidecarUrl);
    const baselineStart = Date.now();
    const baselineCpu = process.cpuUsage();
    await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
      while (await straightLineRun(queue, workspace, metering));
    }));
    const baselineSeconds = (Date.now() - baselineStart) / 1000;
    const { user, system } = process.cpuUsage(baselineCpu);
    const baselineCpuMs = (user + system) / 1000;
    await baseline.done();

    // The engine: one process, draining as many queued runs from a table of its own.
    const drain = await phase(workspace);
    const drainIds = await queueRuns(drain, RUNS);
    const engine = await workspace.startEngine({ TABLE_NAME: drain.tableName, ENGINE_CONCURRENCY: String(CONCURRENCY) }, bundle);
    const engineStart = Date.now();
    const pid = engine.child.pid!;
    const engineCpuBefore = cpuMs(pid);
    let peakRss = rssMb(pid);
    const sampler = setInterval(() => { peakRss = Math.max(peakRss, rssMb(pid)); }, 100);
    await untilEnded(drain, drainIds);
    const engineSeconds = (Date.now() - engineStart) / 1000;
    const engineCpuMs = cpuMs(pid) - engineCpuBefore;
    clearInterval(sampler);
    await engine.stop('SIGTERM');
    await drain.done();

    // Latency: runs queued one at a time to an idle engine, on a fresh table.
    const idle = await phase(workspace);
    const latencyEngine = await workspace.startEngine({ TABLE_NAME: idle.tableName }, bundle);
    await new Promise((resolve) => setTimeout(resolve, 5000));
    const idleRss = rssMb(latencyEngine.child.pid!);
    const latencyIds: string[] = [];
    for (let index = 0; index < LATENCY_RUNS; index += 1) {
      latencyIds.push(...await queueRuns(idle, 1));
      await new Promise((resolve) => setTimeout(resolve, LATENCY_INTERVAL_MS));
    }
    await untilEnded(idle, latencyIds);
    const latency = await startDelays(idle, latencyIds);
    await latencyEngine.stop('SIGTERM');
    await idle.done();

    const engineRate = RUNS / engineSeconds;
    const baselineRate = RUNS / baselineSeconds;
    const steps = RUNS * STEPS.length;
    console.log(JSON.stringify({
      runs: RUNS, steps: STEPS.length, concurrency: CONCURRENCY,
      throughput: { engineRunsPerSecond: +engineRate.toFixed(1), baselineRunsPerSecond: +baselineRate.toFixed(1), ratio: +(engineRate / baselineRate).toFixed(2), target: '>= 0.8' },
      queuedToStartedMs: { p50: percentile(latency, 0.5), p99: percentile(latency, 0.99), slowest: [...latency].sort((a, b) => b - a).slice(0, 3), target: 'p50 <= 1000, p99 <= 3000' },
      cpuMsPerStep: { engine: +(engineCpuMs / steps).toFixed(2), baseline: +(baselineCpuMs / steps).toFixed(2), engineOverhead: +((engineCpuMs - baselineCpuMs) / steps).toFixed(2), target: 'overhead < 2' },
      engineRssMb: { idle: +idleRss.toFixed(0), peak: +peakRss.toFixed(0), target: 'idle <= 150, under load <= 300' },
    }, null, 2));
  } catch (error) {
    console.error(workspace.aws.log().split('\n').filter((line) => /Error|Traceback/.test(line)).slice(-10).join('\n'));
    throw error;
  } finally {
    await workspace.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
