import type { APIGatewayProxyEvent } from 'aws-lambda';
import { Page, WorkflowStore } from '../workspace-data/workflow-store';
import { workflowInputSchema } from '../workspace-data/workflow';
import { caller } from './signed-in-user';
import { checkCredentials } from './credential-check';
import { EXPORT_ROUTES } from './export-routes';
import { activity } from './activity';
import { APPROVAL_ROUTES } from './approval-routes';
import { auditRoute } from './audit-route';
import { parseBody, runRequestSchema } from './request-bodies';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, PAGE_SIZE_RULE } from './paging';
import { ApiError } from './responses';
import type { Route, RouteContext, RouteResult } from './route-context';

const ID_PATTERN = /^[0-9a-f-]{36}$/;

/** The routes of the workspace API, keyed by `<method> <resource>` as API Gateway names them. */
export const ROUTES: Record<string, Route> = {
  'GET /workflows': async (event, { store }) => page(await store.listWorkflows(pageSize(event), cursor(event))),
  'POST /workflows': async (event, context) => {
    const input = await parseWorkflow(event, context);
    return { status: 201, body: await context.workflows.create(input, caller(event), context.now()) };
  },
  'GET /workflows/{workflowId}': async (event, { workflows }) => ({ status: 200, body: await workflows.get(pathId(event, 'workflowId')) }),
  'PUT /workflows/{workflowId}': async (event, context) => {
    const id = pathId(event, 'workflowId');
    const input = await parseWorkflow(event, context);
    return { status: 200, body: await context.workflows.replace(id, input, caller(event), context.now(), editedVersion(event)) };
  },
  'DELETE /workflows/{workflowId}': async (event, { workflows, now }) => {
    await workflows.delete(pathId(event, 'workflowId'), caller(event), now());
    return { status: 204 };
  },
  'GET /workflows/{workflowId}/runs': async (event, { store }) => {
    await store.getWorkflow(pathId(event, 'workflowId'));
    return page(await store.listRuns(pathId(event, 'workflowId'), pageSize(event), cursor(event)));
  },
  'POST /workflows/{workflowId}/runs': async (event, { workflows, now }) => {
    const request = event.body ? parseBody(event, runRequestSchema, 'invalid_run', 'send {"input": {...}} or no body') : {};
    const run = await workflows.queueRun(pathId(event, 'workflowId'), { by: caller(event), trigger: 'manual', input: request.input }, now());
    return { status: 202, body: run };
  },
  'GET /workflows/{workflowId}/runs/{runId}': async (event, { store }) => {
    const run = await runOf(event, store);
    return { status: 200, body: { ...run, steps: await store.listSteps(run.runId) } };
  },
  'POST /workflows/{workflowId}/runs/{runId}/cancel': async (event, { store, workflows, now }) => {
    const run = await runOf(event, store);
    const outcome = await store.cancelRun(run.runId, now());
    await workflows.recordCancel(run, caller(event), outcome, now());
    return { status: outcome === 'cancelled' ? 200 : 202, body: { runId: run.runId, status: outcome === 'cancelled' ? 'cancelled' : 'cancelling' } };
  },
  'GET /activity': (event, context) => activity(event, context),
  'GET /audit': (event, { audit }) => auditRoute(event, audit),
  'GET /approvals': (event, context) => APPROVAL_ROUTES['GET /approvals'](event, context),
  'POST /approvals/{approvalId}': (event, context) => APPROVAL_ROUTES['POST /approvals/{approvalId}'](event, context, caller(event)),
  ...EXPORT_ROUTES,
};

function page<T>(result: Page<T>): RouteResult {
  return { status: 200, body: { items: result.items, ...(result.next ? { next: result.next } : {}) } };
}

/** The workflow in the body, checked field by field; credential names must be in the integration secret. */
async function parseWorkflow(event: APIGatewayProxyEvent, context: RouteContext) {
  const input = parseBody(event, workflowInputSchema, 'invalid_workflow', 'send a workflow object');
  await checkCredentials(input, context);
  return input;
}

async function runOf(event: APIGatewayProxyEvent, store: WorkflowStore) {
  const workflowId = pathId(event, 'workflowId');
  const run = await store.getRun(pathId(event, 'runId'));
  if (run.workflowId !== workflowId) throw new ApiError(404, 'not_found', `workflow ${workflowId} has no run ${run.runId}`, 'runId');
  return run;
}

function pathId(event: APIGatewayProxyEvent, name: 'workflowId' | 'runId'): string {
  const id = event.pathParameters?.[name] ?? '';
  if (!ID_PATTERN.test(id)) throw new ApiError(404, 'not_found', `${name === 'runId' ? 'run' : 'workflow'} ${JSON.stringify(id)} does not exist`, name);
  return id;
}

/** `If-Match: "<definitionVersion>"`: the version the editor loaded, so a save cannot replace a newer one unseen. */
function editedVersion(event: APIGatewayProxyEvent): number | undefined {
  const header = Object.entries(event.headers ?? {}).find(([name]) => name.toLowerCase() === 'if-match')?.[1];
  if (header === undefined) return undefined;
  const match = /^(?:W\/)?"?([1-9][0-9]*)"?$/.exec(header.trim());
  if (!match) throw new ApiError(400, 'invalid_if_match', 'If-Match must be the definition version being edited, for example "3"', 'If-Match');
  return Number(match[1]);
}

function pageSize(event: APIGatewayProxyEvent): number {
  const raw = event.queryStringParameters?.limit;
  if (raw === undefined) return DEFAULT_PAGE_SIZE;
  const limit = Number(raw);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw new ApiError(400, 'invalid_limit', PAGE_SIZE_RULE, 'limit');
  }
  return limit;
}

function cursor(event: APIGatewayProxyEvent): string | undefined {
  return event.queryStringParameters?.next;
}

