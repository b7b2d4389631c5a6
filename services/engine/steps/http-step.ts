import { httpInputsSchema } from '../../workspace-data/definition/step-inputs';
import { IntegrationCredentials } from '../credentials';
import { sendHttp } from './http-call';
import { stepHandler } from './step-handler';

/** `http`: one request, with a credential from the integration secret sent in a header by name. */
export function httpStep(credentials: IntegrationCredentials) {
  return stepHandler(httpInputsSchema, async (inputs, context) => {
    const headers = { ...inputs.headers };
    if (inputs.credential) {
      const value = await credentials.get(inputs.credential.name, { runId: context.run.runId, stepId: context.stepId }, 'inputs.credential.name');
      headers[inputs.credential.header] = `${inputs.credential.prefix}${value}`;
    }
    const url = new URL(inputs.url);
    for (const [key, value] of Object.entries(inputs.query ?? {})) url.searchParams.set(key, value);
    const response = await sendHttp({ method: inputs.method, url: url.toString(), headers, body: inputs.body, expectStatus: inputs.expectStatus }, context.signal, context.idempotencyKey);
    return { output: response };
  });
}
