import { AlreadyExistsError, WorkflowStore } from '../workspace-data/workflow-store';
import { derivedRunId } from '../workspace-data/run-items';
import { isDue } from '../workspace-data/workflow';

/** The event the workspace's every-minute EventBridge rule sends. */
export interface ScheduleTick {
  readonly source: 'workspace.schedule';
  /** When EventBridge fired, ISO-8601. */
  readonly time: string;
}

/** What one tick did. */
export interface TickSummary {
  readonly minute: string;
  readonly queued: string[];
  readonly alreadyQueued: string[];
}

/** What the executor needs. */
export interface WorkflowExecutorDependencies {
  readonly store: WorkflowStore;
  readonly log: (entry: Record<string, unknown>) => void;
}

/**
 * Queues one run of every workflow whose schedule is due in the tick's minute. The run ID is derived
 * from the workflow and the minute, and recording it is conditional, so a tick delivered twice (EventBridge retries, or
 * a Lambda retry after a timeout) queues nothing twice. Any other failure is thrown, so the event is
 * retried and finally kept in the dead-letter queue.
 */
export function createWorkflowExecutor(dependencies: WorkflowExecutorDependencies) {
  return async (tick: ScheduleTick): Promise<TickSummary> => {
    const fired = Date.parse(tick?.time);
    if (tick?.source !== 'workspace.schedule' || Number.isNaN(fired)) {
      throw new Error(`not a schedule tick: ${JSON.stringify(tick)}; the executor expects {"source":"workspace.schedule","time":"<ISO-8601>"}`);
    }
    const minute = new Date(Math.floor(fired / 60_000) * 60_000);
    const summary: TickSummary = { minute: minute.toISOString(), queued: [], alreadyQueued: [] };
    for (const workflow of await dependencies.store.scheduledWorkflows()) {
      if (!isDue(workflow.schedule!, minute)) continue;
      try {
        await dependencies.store.addRun({
          workflowId: workflow.workflowId, runId: derivedRunId(workflow.workflowId, summary.minute), trigger: 'schedule', status: 'queued',
          definitionVersion: workflow.definitionVersion, requestedBy: 'schedule', requestedAt: summary.minute,
        });
        summary.queued.push(workflow.workflowId);
      } catch (error) {
        if (!(error instanceof AlreadyExistsError)) throw error;
        summary.alreadyQueued.push(workflow.workflowId);
      }
    }
    dependencies.log({ level: 'info', message: 'schedule tick', ...summary });
    return summary;
  };
}
