/** The workspace API's bodies, as the console reads them (the server's own types, imported for their shape only). */
export type { Run, RunStatus, Workflow, WorkflowInput } from '../../../workspace-data/workflow';
export type { StepResult } from '../../../workspace-data/step-result';
export type { Step } from '../../../workspace-data/definition/bot-definition';
export type { Approval } from '../../../automation/automation-store';
export type { AuditAction } from '../../../workspace-data/documents/audit-log';

import type { Run, Workflow, WorkflowInput } from '../../../workspace-data/workflow';
import type { StepResult } from '../../../workspace-data/step-result';
import type { ListedAuditEntry } from '../../../workspace-data/documents/audit-log';

/** A page of a list: `next` continues it. */
export interface Page<T> {
  readonly items: T[];
  readonly next?: string;
}

/** `GET /workflows/{id}`: the metadata and the current definition. */
export type WorkflowWithSteps = Workflow & Pick<WorkflowInput, 'steps' | 'timeoutSeconds'>;

/** `GET /workflows/{id}/runs/{runId}`. */
export type RunWithSteps = Run & { readonly steps: StepResult[] };

/** `GET /activity`. */
export interface Activity {
  readonly from: string;
  readonly to: string;
  readonly workflows: { workflowId: string; succeeded: number; failed: number; days: { day: string; succeeded: number; failed: number }[] }[];
  readonly latestFailures: Run[];
}

/** An audit entry as `GET /audit` sends it: the instant as an ISO string. */
export interface AuditRecord extends Omit<ListedAuditEntry, 'at'> {
  readonly at: string;
}

export type { BotExport } from '../../../api-handler/bot-exports';
