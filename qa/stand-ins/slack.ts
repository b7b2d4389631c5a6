import { HttpStandIn, ReceivedRequest, startHttpStandIn, StandInAnswer } from './http-stand-in';

/** The bot token the stand-in accepts on chat.postMessage. */
export const SLACK_BOT_TOKEN = 'xoxb-local-stand-in';

/**
 * Slack as its documentation describes it on the wire: an incoming webhook at `/services/...` answers
 * 200 `ok`, or 400 `invalid_payload` / `no_text` in plain text; `chat.postMessage` at `/api/` checks the
 * bearer token and answers 200 with `{ok, channel, ts, message}` or `{ok: false, error}`.
 */
export function startSlackStandIn(): Promise<HttpStandIn> {
  return startHttpStandIn((request) => (request.path.startsWith('/services/') ? webhook(request) : postMessage(request)));
}

function webhook(request: ReceivedRequest): StandInAnswer {
  let payload: { text?: unknown; blocks?: unknown };
  try {
    payload = JSON.parse(request.body);
  } catch {
    return { status: 400, body: 'invalid_payload' };
  }
  if (typeof payload.text !== 'string' && !Array.isArray(payload.blocks)) return { status: 400, body: 'no_text' };
  return { status: 200, body: 'ok' };
}

function postMessage(request: ReceivedRequest): StandInAnswer {
  if (request.path !== '/api/chat.postMessage') return { status: 404, body: { ok: false, error: 'unknown_method' } };
  if (request.headers.authorization !== `Bearer ${SLACK_BOT_TOKEN}`) return { body: { ok: false, error: 'invalid_auth' } };
  const payload = JSON.parse(request.body || '{}') as { channel?: string; text?: string };
  if (!payload.channel) return { body: { ok: false, error: 'channel_not_found' } };
  if (!payload.text) return { body: { ok: false, error: 'no_text' } };
  return { body: { ok: true, channel: payload.channel, ts: '1733140000.000100', message: { text: payload.text, type: 'message' } } };
}
