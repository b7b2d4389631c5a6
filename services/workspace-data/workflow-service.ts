import { randomUUID } from 'node:crypto';
import { Definition } from './definition/bot-definition';
import { AuditLog } from './documents/audit-log';
import { BotDefinitionStore } from './documents/bot-definitions';
import { Run, RunTrigger, Workflow, WorkflowInput } from './workflow';
import { CancelOutcome, ConflictError, NotFoundError, WorkflowStore } from './workflow-store';

/** A workflow with the steps of its latest definition. */
export interface WorkflowWithDefinition extends Workflow {
  readonly steps: Definition['steps'];
  readonly timeoutSeconds?: number;
}

/**
 * Workflows as the API and the scheduler see them: metadata in the workspace table, each saved step
 * graph a new version in DocumentDB (written first, so the table never names a version that does not
 * exist), and every change and run request in the audit log.
 */
export class WorkflowService {
  constructor(
    private readonly store: WorkflowStore,
    private readonly definitions: BotDefinitionStore,
    private readonly audit: AuditLog,
  ) {}

  async create(input: WorkflowInput, by: string, now: Date): Promise<WorkflowWithDefinition> {
    const at = now.toISOString();
    const workflow: Workflow = { ...metadata(input), workflowId: randomUUID(), definitionVersion: 1, createdBy: by, createdAt: at, updatedAt: at };
    await this.definitions.add({ workflowId: workflow.workflowId, version: 1, definition: definitionOf(input), createdBy: by, createdAt: at }, now);
    await this.store.putWorkflow(workflow);
    await this.record(by, 'workflow.created', workflow, now);
    return { ...workflow, ...definitionOf(input) };
  }

  /**
   * Saves `input` as the workflow's next definition version; fails with ConflictError when another save
   * won the race, or when `editedVersion` (the version the editor loaded) is no longer the current one.
   */
  async replace(workflowId: string, input: WorkflowInput, by: string, now: Date, editedVersion?: number): Promise<WorkflowWithDefinition> {
    const existing = await this.store.getWorkflow(workflowId);
    if (editedVersion !== undefined && editedVersion !== existing.definitionVersion) {
      throw new ConflictError(`workflow ${workflowId} was changed by someone else: it is at version ${existing.definitionVersion}, and this edit started from version ${editedVersion}; reload it and make the change again`);
    }
    const at = now.toISOString();
    const version = existing.definitionVersion + 1;
    const workflow: Workflow = { ...metadata(input), workflowId, definitionVersion: version, createdBy: existing.createdBy, createdAt: existing.createdAt, updatedAt: at };
    await this.definitions.add({ workflowId, version, definition: definitionOf(input), createdBy: by, createdAt: at }, now);
    try {
      await this.store.putWorkflow(workflow, existing.definitionVersion);
    } catch (error) {
      await this.definitions.remove(workflowId, version).catch(() => undefined);
      throw error;
    }
    await this.record(by, 'workflow.updated', workflow, now);
    return { ...workflow, ...definitionOf(input) };
  }

  async get(workflowId: string): Promise<WorkflowWithDefinition> {
    const workflow = await this.store.getWorkflow(workflowId);
    const stored = await this.definitions.get(workflowId, workflow.definitionVersion);
    if (!stored) throw new NotFoundError(`version ${workflow.definitionVersion} of workflow ${workflowId} is missing from DocumentDB`);
    return { ...workflow, ...stored.definition };
  }

  /** Deletes the workflow's metadata; its definitions stay in DocumentDB for the runs and audits that name them. */
  async delete(workflowId: string, by: string, now: Date): Promise<void> {
    const workflow = await this.store.getWorkflow(workflowId);
    await this.store.deleteWorkflow(workflowId);
    await this.record(by, 'workflow.deleted', workflow, now);
  }

  /** Queues a run of the workflow's latest definition. */
  async queueRun(workflowId: string, request: { by: string; trigger: RunTrigger; input?: Record<string, unknown>; runId?: string }, now: Date): Promise<Run> {
    const workflow = await this.store.getWorkflow(workflowId);
    const run: Run = {
      workflowId, runId: request.runId ?? randomUUID(), trigger: request.trigger, status: 'queued', definitionVersion: workflow.definitionVersion,
      requestedBy: request.by, requestedAt: now.toISOString(), input: request.input,
    };
    await this.store.addRun(run);
    await this.audit.append({ actor: request.by, action: 'run.queued', target: `run/${run.runId}`, outcome: 'success', at: now, detail: { workflowId, trigger: run.trigger, definitionVersion: run.definitionVersion } });
    return run;
  }

  /** Audits a cancel request and what it did. */
  async recordCancel(run: Run, by: string, outcome: CancelOutcome, now: Date): Promise<void> {
    await this.audit.append({ actor: by, action: 'run.cancel-requested', target: `run/${run.runId}`, outcome: 'success', at: now, detail: { workflowId: run.workflowId, outcome } });
  }

  private async record(by: string, action: 'workflow.created' | 'workflow.updated' | 'workflow.deleted', workflow: Workflow, now: Date): Promise<void> {
    await this.audit.append({ actor: by, action, target: `workflow/${workflow.workflowId}`, outcome: 'success', at: now, detail: { name: workflow.name, definitionVersion: workflow.definitionVersion } });
  }
}

function metadata(input: WorkflowInput): Pick<Workflow, 'name' | 'description' | 'schedule' | 'stepCount'> {
  return { name: input.name, description: input.description, schedule: input.schedule, stepCount: input.steps.length };
}

function definitionOf(input: WorkflowInput): Definition {
  return { steps: input.steps, ...(input.timeoutSeconds === undefined ? {} : { timeoutSeconds: input.timeoutSeconds }) };
}
