import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import { freshWorkspaceDataPerTest } from '../../../qa/local-workspace/workspace-data';
import { workflowInputSchema } from '../../workspace-data/workflow';
import { LeaseLostError, RunQueue } from '../runs/run-queue';

describe('the run queue and its leases (moto DynamoDB)', () => {
  const fresh = freshWorkspaceDataPerTest({ before, after, beforeEach, afterEach });
  let clock: number;
  const queueOf = (owner: string) => new RunQueue(fresh.data().dynamoDb, fresh.data().tableName, { owner, leaseMs: 30_000, now: () => clock });
  const queued = async () => {
    const { workflows } = fresh.data();
    const workflow = await workflows.create(workflowInputSchema.parse({ name: 'x', steps: [{ id: 'a', kind: 'transform', inputs: { expression: '1' } }] }), 'me', new Date());
    return workflows.queueRun(workflow.workflowId, { by: 'me', trigger: 'manual' }, new Date());
  };
  const step = (seq: number) => ({ seq, stepId: 'a', kind: 'transform' as const, status: 'succeeded' as const, startedAt: new Date(clock).toISOString(), attempts: 1, output: seq });

  beforeEach(() => { clock = Date.now(); });

  test('when two engines claim at once, then one run goes to one of them', async () => {
    const run = await queued();
    const [a, b] = await Promise.all([queueOf('engine-a').claimUpTo(5), queueOf('engine-b').claimUpTo(5)]);
    assert.deepEqual([...a, ...b].map((lease) => lease.item.runId), [run.runId]);
  });

  test('when an engine\'s lease expires and another engine takes the run, then the first can write nothing more of it', async () => {
    const run = await queued();
    const first = queueOf('engine-a');
    const lost = (await first.claimNext())!;
    await first.recordStep(lost, step(1));
    clock += 31_000;
    const second = queueOf('engine-b');
    const taken = (await second.claimNext())!;
    assert.equal(taken.item.runId, run.runId);
    assert.equal(taken.item.claims, 2);
    await assert.rejects(first.recordStep(lost, step(2)), LeaseLostError);
    await assert.rejects(first.heartbeat(lost), LeaseLostError);
    await assert.rejects(first.end(lost, 'failed', new Date(clock).toISOString(), { message: 'stale' }), LeaseLostError);
    await second.end(taken, 'succeeded', new Date(clock).toISOString());
    assert.equal((await fresh.data().store.getRun(run.runId)).status, 'succeeded');
    assert.deepEqual((await fresh.data().store.listSteps(run.runId)).map((result) => result.seq), [1]);
  });

  test('when a run is held, then no other engine can claim it until its lease expires, and a released run is claimable at once', async () => {
    await queued();
    const first = queueOf('engine-a');
    const lease = (await first.claimNext())!;
    assert.equal(await queueOf('engine-b').claimNext(), undefined);
    await first.release(lease);
    assert.ok(await queueOf('engine-b').claimNext());
  });

  test('when a run is suspended until a time, then nobody claims it before that time', async () => {
    await queued();
    const first = queueOf('engine-a');
    const lease = (await first.claimNext())!;
    await first.suspend(lease, clock + 60_000);
    assert.equal(await queueOf('engine-b').claimNext(), undefined);
    clock += 61_000;
    assert.ok(await queueOf('engine-b').claimNext());
  });

  test('when a checkpoint for a step exists, then it is not written again (a completed step is never replaced)', async () => {
    await queued();
    const queue = queueOf('engine-a');
    const lease = (await queue.claimNext())!;
    await queue.recordStep(lease, step(1));
    await assert.rejects(queue.recordStep(lease, { ...step(1), output: 'again' }));
  });
});
