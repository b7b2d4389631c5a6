import { readFileSync } from 'node:fs';
import { startLocalWorkspace, LocalWorkspace } from '../../../qa/local-workspace/local-workspace';
import { AuditLog } from '../../workspace-data/documents/audit-log';
import { StepResult } from '../../workspace-data/step-result';
import { workflowInputSchema } from '../../workspace-data/workflow';
import { WorkflowService } from '../../workspace-data/workflow-service';
import { MeteringClient } from '../metering-client';
import { RunQueue } from '../runs/run-queue';

/**
 * `npm run bench:engine`: the engine on the local workspace (moto, FerretDB, the real sidecar), against
 * a baseline that makes the same database calls per run in a straight line (claim, read the run, its
 * definition and history, meter, mark running, one checkpoint per step, end, two audit entries), with
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
const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

async function queueRuns(workflows: WorkflowService, workflowId: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let index = 0; index < count; index += 1) ids.push((await workflows.queueRun(workflowId, { by: 'bench', trigger: 'manual', input: { host: `srv-${index}` } }, new Date())).runId);
  return ids;
}

async function untilEnded(workspace: LocalWorkspace, runIds: string[]): Promise<void> {
  for (const runId of runIds) {
    for (;;) {
      const run = await workspace.workflows.getRun(runId);
      if (run.status === 'succeeded') break;
      if (run.status === 'failed') throw new Error(`run ${runId} failed: ${run.error?.message}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/** One run's database calls, as the engine makes them, without the engine: the baseline. */
async function straightLineRun(queue: RunQueue, workspace: LocalWorkspace, audit: AuditLog, metering: MeteringClient): Promise<boolean> {
  const lease = await queue.claimNext();
  if (!lease) return false;
  const run = await queue.run(lease);
  const definition = await workspace.definitions.get(run.workflowId, run.definitionVersion);
  await queue.steps(run.runId);
  const at = new Date().toISOString();
  await metering.record('AutomationRuns', run.runId);
  await queue.markMetered(lease, at);
  await queue.markRunning(lease, at);
  await audit.append({ actor: run.requestedBy, action: 'run.started', target: `run/${run.runId}`, outcome: 'success', at: new Date() });
  const steps = definition!.definition.steps;
  for (const [index, step] of steps.entries()) {
    const result: StepResult = { seq: index + 1, stepId: step.id, kind: step.kind, status: 'succeeded', startedAt: at, endedAt: at, durationMs: 0, attempts: 1, input: step.inputs, output: index, next: steps[index + 1]?.id };
    await queue.recordStep(lease, result);
  }
  await queue.end(lease, 'succeeded', new Date().toISOString());
  await audit.append({ actor: run.requestedBy, action: 'run.ended', target: `run/${run.runId}`, outcome: 'success', at: new Date() });
  return true;
}

async function wallTimes(workspace: LocalWorkspace, runIds: string[]): Promise<{ perRun: number[]; startDelay: number[] }> {
  const perRun: number[] = [];
  const startDelay: number[] = [];
  for (const runId of runIds) {
    const run = await workspace.workflows.getRun(runId);
    perRun.push(Date.parse(run.endedAt!) - Date.parse(run.startedAt!));
    startDelay.push(Date.parse(run.startedAt!) - Date.parse(run.requestedAt));
  }
  return { perRun, startDelay };
}

async function main(): Promise<void> {
  const workspace = await startLocalWorkspace();
  try {
    const workflows = new WorkflowService(workspace.workflows, workspace.definitions, workspace.audit);
    const workflow = await workflows.create(workflowInputSchema.parse({ name: 'bench', steps: STEPS }), 'bench', new Date());

    // Baseline: the same calls per run, CONCURRENCY workers in a straight line each.
    const baselineIds = await queueRuns(workflows, workflow.workflowId, RUNS);
    const queue = new RunQueue(workspace.dynamoDb, workspace.tableName, { owner: 'baseline', leaseMs: 30_000 });
    const metering = new MeteringClient(workspace.sidecarUrl);
    const baselineStart = Date.now();
    await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
      while (await straightLineRun(queue, workspace, workspace.audit, metering));
    }));
    const baselineSeconds = (Date.now() - baselineStart) / 1000;
    const baseline = await wallTimes(workspace, baselineIds);

    // The engine: one process, draining the same number of queued runs.
    const engine = await workspace.startEngine({ ENGINE_CONCURRENCY: String(CONCURRENCY), ENGINE_POLL_MS: '100' });
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const idleRss = rssMb(engine.child.pid!);
    let peakRss = idleRss;
    const sampler = setInterval(() => { peakRss = Math.max(peakRss, rssMb(engine.child.pid!)); }, 100);
    const engineIds = await queueRuns(workflows, workflow.workflowId, RUNS);
    const engineStart = Date.now();
    await untilEnded(workspace, engineIds);
    const engineSeconds = (Date.now() - engineStart) / 1000;
    const drained = await wallTimes(workspace, engineIds);

    // Latency: runs queued one at a time to an idle engine.
    const latencyIds: string[] = [];
    for (let index = 0; index < LATENCY_RUNS; index += 1) {
      latencyIds.push(...await queueRuns(workflows, workflow.workflowId, 1));
      await new Promise((resolve) => setTimeout(resolve, LATENCY_INTERVAL_MS));
    }
    await untilEnded(workspace, latencyIds);
    clearInterval(sampler);
    const latency = (await wallTimes(workspace, latencyIds)).startDelay;
    await engine.stop('SIGTERM');

    const engineRate = RUNS / engineSeconds;
    const baselineRate = RUNS / baselineSeconds;
    const overheadPerStep = (mean(drained.perRun) - mean(baseline.perRun)) / STEPS.length;
    console.log(JSON.stringify({
      runs: RUNS, steps: STEPS.length, concurrency: CONCURRENCY,
      throughput: { engineRunsPerSecond: +engineRate.toFixed(1), baselineRunsPerSecond: +baselineRate.toFixed(1), ratio: +(engineRate / baselineRate).toFixed(2), target: '>= 0.8' },
      queuedToStartedMs: { p50: percentile(latency, 0.5), p99: percentile(latency, 0.99), target: 'p50 <= 1000, p99 <= 3000' },
      runWallMs: { engineMean: +mean(drained.perRun).toFixed(1), baselineMean: +mean(baseline.perRun).toFixed(1) },
      engineOverheadPerStepMs: { value: +overheadPerStep.toFixed(2), target: '< 2' },
      engineRssMb: { idle: +idleRss.toFixed(0), peak: +peakRss.toFixed(0), target: 'idle <= 150, under load <= 300' },
    }, null, 2));
  } finally {
    await workspace.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
