import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { WorkflowService } from '../workspace-data/workflow-service';
import type { WorkflowStore } from '../workspace-data/workflow-store';
import type { AuditLog } from '../workspace-data/documents/audit-log';
import type { ApprovalDecisions } from './approval-routes';
import type { BotExports } from './bot-exports';

/** What a route answers: an HTTP status and a JSON body. */
export interface RouteResult {
  readonly status: number;
  readonly body?: unknown;
}

/** What routes need besides the request. */
export interface RouteContext {
  readonly store: WorkflowStore;
  readonly workflows: WorkflowService;
  readonly now: () => Date;
  /** The audit log the workflows service writes to, which `GET /audit` reads. */
  readonly audit: AuditLog;
  /**
   * The credential names the integration credentials secret holds; a definition naming another is refused.
   * @default - names are not checked against the secret (they are when a run uses them)
   */
  readonly credentialNames?: () => Promise<string[]>;
  /** Approval decisions; undefined when the template's approval workflows are off (the routes then answer 404). */
  readonly approvals?: ApprovalDecisions;
  /** Bot exports in the import/export bucket; undefined when the stack has none (the routes then answer 404). */
  readonly exports?: BotExports;
}

/** One route: answers a request with the context's stores. */
export type Route = (event: APIGatewayProxyEvent, context: RouteContext) => Promise<RouteResult>;
