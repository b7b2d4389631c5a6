import type { APIGatewayProxyEvent } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { Page, WorkflowStore } from '../workspace-data/workflow-store';
import { Run, Workflow, workflowInputSchema } from '../workspace-data/workflow';
import { APPROVAL_ROUTES, ApprovalDecisions } from './approval-routes';
import { ApiError } from './responses';

/** What a route answers: an HTTP status and a JSON body. */
export interface RouteResult {
  readonly status: number;
  readonly body?: unknown;
}

/** What routes need besides the request. */
export interface RouteContext {
  readonly store: WorkflowStore;
  readonly now: () => Date;
  /** Approval decisions; undefined when the template's approval workflows are off (the routes then answer 404). */
  readonly approvals?: ApprovalDecisions;
}

type Route = (event: APIGatewayProxyEvent, context: RouteContext) => Promise<RouteResult>;

const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 100;

/** The routes of the workspace API, keyed by `<method> <resource>` as API Gateway names them. */
export const ROUTES: Record<string, Route> = {
  'GET /workflows': async (event, { store }) => page(await store.listWorkflows(pageSize(event), cursor(event))),
  'POST /workflows': async (event, { store, now }) => {
    const input = parseWorkflow(event);
    const at = now().toISOString();
    const workflow: Workflow = { ...input, workflowId: randomUUID(), createdBy: caller(event), createdAt: at, updatedAt: at };
    await store.putWorkflow(workflow, false);
    return { status: 201, body: workflow };
  },
  'GET /workflows/{workflowId}': async (event, { store }) => ({ status: 200, body: await store.getWorkflow(workflowId(event)) }),
  'PUT /workflows/{workflowId}': async (event, { store, now }) => {
    const input = parseWorkflow(event);
    const existing = await store.getWorkflow(workflowId(event));
    const workflow: Workflow = { ...input, workflowId: existing.workflowId, createdBy: existing.createdBy, createdAt: existing.createdAt, updatedAt: now().toISOString() };
    await store.putWorkflow(workflow, true);
    return { status: 200, body: workflow };
  },
  'DELETE /workflows/{workflowId}': async (event, { store }) => {
    await store.deleteWorkflow(workflowId(event));
    return { status: 204 };
  },
  'GET /workflows/{workflowId}/runs': async (event, { store }) => {
    await store.getWorkflow(workflowId(event));
    return page(await store.listRuns(workflowId(event), pageSize(event), cursor(event)));
  },
  'POST /workflows/{workflowId}/runs': async (event, { store, now }) => {
    const workflow = await store.getWorkflow(workflowId(event));
    const run: Run = {
      workflowId: workflow.workflowId, runId: randomUUID(), trigger: 'manual', status: 'queued',
      requestedBy: caller(event), requestedAt: now().toISOString(),
    };
    await store.addRun(run);
    return { status: 202, body: run };
  },
  'GET /approvals': (event, context) => APPROVAL_ROUTES['GET /approvals'](event, context),
  'POST /approvals/{approvalId}': (event, context) => APPROVAL_ROUTES['POST /approvals/{approvalId}'](event, context, caller(event)),
};

function page<T>(result: Page<T>): RouteResult {
  return { status: 200, body: { items: result.items, ...(result.next ? { next: result.next } : {}) } };
}

function parseWorkflow(event: APIGatewayProxyEvent) {
  let body: unknown;
  try {
    body = JSON.parse(event.body ?? '');
  } catch {
    throw new ApiError(400, 'invalid_json', 'the request body is not JSON; send a workflow object', 'body');
  }
  const parsed = workflowInputSchema.safeParse(body);
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    const field = issue.path.length > 0 ? issue.path.join('.') : 'body';
    throw new ApiError(400, 'invalid_workflow', `${field}: ${issue.message}`, field);
  }
  return parsed.data;
}

function workflowId(event: APIGatewayProxyEvent): string {
  const id = event.pathParameters?.workflowId ?? '';
  if (!/^[0-9a-f-]{36}$/.test(id)) throw new ApiError(404, 'not_found', `workflow ${JSON.stringify(id)} does not exist`, 'workflowId');
  return id;
}

function pageSize(event: APIGatewayProxyEvent): number {
  const raw = event.queryStringParameters?.limit;
  if (raw === undefined) return DEFAULT_PAGE_SIZE;
  const limit = Number(raw);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw new ApiError(400, 'invalid_limit', `limit must be a whole number from 1 to ${MAX_PAGE_SIZE}`, 'limit');
  }
  return limit;
}

function cursor(event: APIGatewayProxyEvent): string | undefined {
  return event.queryStringParameters?.next;
}

/** The signed-in user, from the Cognito authorizer's claims. */
function caller(event: APIGatewayProxyEvent): string {
  const claims = event.requestContext.authorizer?.claims ?? {};
  const who = claims.email ?? claims['cognito:username'] ?? claims.sub;
  if (!who) throw new ApiError(401, 'unauthenticated', 'the request carries no signed-in user');
  return String(who);
}
