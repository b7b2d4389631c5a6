import { slackInputsSchema } from '../../workspace-data/definition/connector-inputs';
import { IntegrationCredentials } from '../credentials';
import { sendHttp } from '../steps/http-call';
import { StepError } from '../steps/step-error';
import { stepHandler } from '../steps/step-handler';

/**
 * `slack`: an incoming webhook (answers 200 `ok`, or a 4xx with a plain-text error such as
 * `invalid_payload`) or `chat.postMessage` (always 200, with `{"ok": false, "error": ...}` on failure;
 * 429 with Retry-After when rate limited).
 */
export function slackStep(credentials: IntegrationCredentials) {
  return stepHandler(slackInputsSchema, async (inputs, context) => {
    const secret = await credentials.get(inputs.credential, { runId: context.run.runId, stepId: context.stepId }, 'inputs.credential');
    if (inputs.operation === 'webhook') {
      await sendHttp({ method: 'POST', url: secret, body: { text: inputs.text, blocks: inputs.blocks } }, context.signal, context.idempotencyKey);
      return { output: { delivered: true } };
    }
    const response = await sendHttp({
      method: 'POST', url: `${inputs.baseUrl.replace(/\/$/, '')}/chat.postMessage`,
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json; charset=utf-8' },
      body: { channel: inputs.channel, text: inputs.text, blocks: inputs.blocks, thread_ts: inputs.threadTs },
    }, context.signal, context.idempotencyKey);
    const answer = response.body as { ok?: boolean; error?: string; channel?: string; ts?: string };
    if (!answer?.ok) throw new StepError(`Slack chat.postMessage refused the message: ${answer?.error ?? 'no error given'}`, { retryable: answer?.error === 'ratelimited' || answer?.error === 'internal_error' });
    return { output: { channel: answer.channel, ts: answer.ts } };
  });
}
