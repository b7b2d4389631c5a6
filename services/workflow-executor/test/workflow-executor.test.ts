import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { randomUUID } from 'node:crypto';
import { LOCAL_CREDENTIALS } from '../../../qa/local-aws/moto-server';
import { freshWorkflowStorePerTest } from '../../../qa/local-aws/workspace-table';
import { derivedRunId } from '../../workspace-data/run-items';
import { Workflow } from '../../workspace-data/workflow';
import { WorkflowStore } from '../../workspace-data/workflow-store';
import { createWorkflowExecutor } from '../workflow-executor';

const workflow = (schedule?: string): Workflow => ({
  workflowId: randomUUID(), name: `every ${schedule}`, schedule, definitionVersion: 3, stepCount: 1,
  createdBy: 'admin@example.org', createdAt: '2026-11-01T00:00:00.000Z', updatedAt: '2026-11-01T00:00:00.000Z',
});

describe('workflow executor', () => {
  const tables = freshWorkflowStorePerTest({ before, after, beforeEach });
  let store: WorkflowStore;
  let tick: ReturnType<typeof createWorkflowExecutor>;

  beforeEach(async () => {
    store = tables.store();
    tick = createWorkflowExecutor({ store, log: () => undefined });
  });

  test('when a schedule is due in the tick\'s minute, then one run is queued for it; when it is not, none', async () => {
    const everyFive = workflow('rate(5 minutes)');
    const hourly = workflow('rate(1 hour)');
    const manual = workflow();
    for (const item of [everyFive, hourly, manual]) await store.putWorkflow(item);

    const summary = await tick({ source: 'workspace.schedule', time: '2026-11-23T10:05:42Z' });

    assert.deepEqual(summary.queued, [everyFive.workflowId]);
    const [run] = (await store.listRuns(everyFive.workflowId, 10)).items;
    assert.deepEqual(run, {
      workflowId: everyFive.workflowId, runId: derivedRunId(everyFive.workflowId, '2026-11-23T10:05:00.000Z'), trigger: 'schedule', status: 'queued',
      definitionVersion: 3, requestedBy: 'schedule', requestedAt: '2026-11-23T10:05:00.000Z',
    });
    assert.match(run.runId, /^[0-9a-f-]{36}$/);
    assert.deepEqual((await store.listRuns(hourly.workflowId, 10)).items, []);
  });

  test('when the same tick arrives twice, then the second queues nothing', async () => {
    const hourly = workflow('rate(1 hour)');
    await store.putWorkflow(hourly);
    await tick({ source: 'workspace.schedule', time: '2026-11-23T10:00:03Z' });
    const again = await tick({ source: 'workspace.schedule', time: '2026-11-23T10:00:59Z' });
    assert.deepEqual(again.alreadyQueued, [hourly.workflowId]);
    assert.equal((await store.listRuns(hourly.workflowId, 10)).items.length, 1);
  });

  test('when the event is not a schedule tick, then it fails naming the expected shape', async () => {
    await assert.rejects(tick({ source: 'workspace.schedule', time: 'yesterday' }), /expects \{"source":"workspace.schedule","time":"<ISO-8601>"\}/);
  });

  test('when storage fails, then the tick fails so that EventBridge retries it', async () => {
    const unreachable = new WorkflowStore(new DynamoDBClient({ endpoint: 'http://127.0.0.1:9', region: 'us-east-1', credentials: LOCAL_CREDENTIALS, maxAttempts: 1 }), 'workspace');
    const broken = createWorkflowExecutor({ store: unreachable, log: () => undefined });
    await assert.rejects(broken({ source: 'workspace.schedule', time: '2026-11-23T10:00:00Z' }));
  });
});
