import { z } from 'zod';
import { superOpsInputsSchema } from '../../workspace-data/definition/connector-inputs';
import { IntegrationCredentials } from '../credentials';
import { sendHttp } from '../steps/http-call';
import { StepError } from '../steps/step-error';
import { stepHandler } from '../steps/step-handler';

type SuperOpsInputs = z.output<typeof superOpsInputsSchema>;

/** The GraphQL documents of SuperOps' MSP API this connector sends. */
const DOCUMENTS = {
  'list-alerts': 'query getAlertList($input: ListInfoInput!) { getAlertList(input: $input) { alerts { id message description severity status createdTime asset } listInfo { page pageSize hasMore totalCount } } }',
  'create-ticket': 'mutation createTicket($input: CreateTicketInput!) { createTicket(input: $input) { ticketId displayId subject status } }',
  'resolve-alerts': 'mutation resolveAlerts($input: [ResolveAlertInput]) { resolveAlerts(input: $input) }',
};

function variables(inputs: SuperOpsInputs): Record<string, unknown> {
  switch (inputs.operation) {
    case 'list-alerts':
      return { input: { page: inputs.page, pageSize: inputs.pageSize } };
    case 'create-ticket':
      return { input: { subject: inputs.subject, description: inputs.description, source: 'INTEGRATION', client: { accountId: inputs.clientId } } };
    case 'resolve-alerts':
      return { input: inputs.alertIds.map((id) => ({ id })) };
  }
}

/** `superops`: list alerts, open a ticket, or resolve alerts through SuperOps' GraphQL API (errors come in `errors` with HTTP 200). */
export function superOpsStep(credentials: IntegrationCredentials) {
  return stepHandler(superOpsInputsSchema, async (inputs, context) => {
    const token = await credentials.get(inputs.credential, { runId: context.run.runId, stepId: context.stepId }, 'inputs.credential');
    const { body } = await sendHttp({
      method: 'POST', url: inputs.baseUrl,
      headers: { authorization: `Bearer ${token}`, customersubdomain: inputs.subdomain, 'content-type': 'application/json' },
      body: { query: DOCUMENTS[inputs.operation], variables: variables(inputs) },
    }, context.signal, context.idempotencyKey);
    const answer = body as { data?: Record<string, unknown>; errors?: { message: string }[] };
    if (answer?.errors?.length) throw new StepError(`SuperOps ${inputs.operation} failed: ${answer.errors.map((error) => error.message).join('; ')}`, { retryable: false });
    return { output: Object.values(answer?.data ?? {})[0] ?? null };
  });
}
