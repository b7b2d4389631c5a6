import type { APIGatewayProxyEvent } from 'aws-lambda';
import { z } from 'zod';
import { botFileStem, portableBot } from '../workspace-data/portable-bot';
import { WorkflowInput, workflowInputSchema } from '../workspace-data/workflow';
import type { BotExports } from './bot-exports';
import { checkCredentials } from './credential-check';
import { parseBody } from './request-bodies';
import { ApiError } from './responses';
import type { RouteContext, RouteResult } from './route-context';
import { caller, owner } from './signed-in-user';

const exportRequestSchema = z.object({ workflowId: z.string().regex(/^[0-9a-f-]{36}$/, 'must be a workflow ID') }).strict();
const importRequestSchema = z.object({ key: z.string().min(1).max(1024) }).strict();

/** The most bots one imported file may hold. */
const MAX_IMPORTED_BOTS = 100;

type ExportRoute = (event: APIGatewayProxyEvent, context: RouteContext) => Promise<RouteResult>;

/**
 * Bot import and export through the import/export bucket (seed guide): `GET /exports` lists the
 * signed-in user's exports, `POST /exports` saves a bot there, `POST /imports` creates the bots of one
 * of them. Each user reaches only their own folder.
 */
export const EXPORT_ROUTES: Record<string, ExportRoute> = {
  'GET /exports': async (event, context) => ({ status: 200, body: { items: await exportsOf(context).list(owner(event)) } }),
  'POST /exports': async (event, context) => {
    const exports = exportsOf(context);
    const { workflowId } = parseBody(event, exportRequestSchema, 'invalid_export', 'send {"workflowId": "<id>"}');
    const bot = portableBot(await context.workflows.get(workflowId));
    const now = context.now();
    return { status: 201, body: await exports.save(owner(event), exportFileName(bot.name, now), `${JSON.stringify(bot, null, 2)}\n`, now) };
  },
  'POST /imports': async (event, context) => {
    const exports = exportsOf(context);
    const { key } = parseBody(event, importRequestSchema, 'invalid_import', 'send {"key": "<key of one of your exports>"}');
    const bots = await importedBots(key, await exports.read(owner(event), key), context);
    const created = [];
    for (const bot of bots) created.push(await context.workflows.create(bot, caller(event), context.now()));
    return { status: 201, body: { created: created.map(({ workflowId, name }) => ({ workflowId, name })) } };
  },
};

function exportsOf(context: RouteContext): BotExports {
  if (!context.exports) throw new ApiError(404, 'exports_unavailable', 'this workspace has no import/export bucket (EnableBackupBucket is false); export to a file instead');
  return context.exports;
}

/** `<name>-<UTC time>.bot.json`, so exports of one bot do not replace each other. */
export function exportFileName(name: string, now: Date): string {
  return `${botFileStem(name)}-${now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}.bot.json`;
}

/** Every bot of the file, checked before any is created; a refusal names the key and the field. */
async function importedBots(key: string, text: string, context: RouteContext): Promise<WorkflowInput[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ApiError(400, 'invalid_import', `${key} is not JSON; import a file the workspace exported`, 'key');
  }
  const list = Array.isArray(parsed) ? parsed : [parsed];
  if (list.length === 0 || list.length > MAX_IMPORTED_BOTS) throw new ApiError(400, 'invalid_import', `${key} holds ${list.length} bots; a file may hold 1 to ${MAX_IMPORTED_BOTS}`, 'key');
  const bots: WorkflowInput[] = [];
  for (const [index, item] of list.entries()) {
    const where = Array.isArray(parsed) ? `${key}[${index}] ` : `${key} `;
    const result = workflowInputSchema.safeParse(item);
    if (!result.success) {
      const [issue] = result.error.issues;
      throw new ApiError(400, 'invalid_workflow', `${where}${issue.path.join('.') || 'bot'}: ${issue.message}`, issue.path.join('.') || 'key');
    }
    await checkCredentials(result.data, context, where);
    bots.push(result.data);
  }
  return bots;
}
