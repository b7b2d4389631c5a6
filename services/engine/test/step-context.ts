import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { randomUUID } from 'node:crypto';
import { CredentialUse, IntegrationCredentials } from '../credentials';
import { StepContext } from '../steps/step-handler';

/** A step's context in a run started now, for calling a handler directly. */
export function stepContext(overrides: Partial<StepContext> = {}): StepContext {
  const runId = randomUUID();
  return {
    run: { workflowId: randomUUID(), runId, trigger: 'manual', status: 'running', definitionVersion: 1, requestedBy: 'secops@example.org', requestedAt: new Date().toISOString() },
    stepId: 'step', seq: 1, idempotencyKey: `${runId}:1`, signal: AbortSignal.timeout(10_000), now: Date.now, ...overrides,
  };
}

/** Integration credentials read from a secret of the local endpoint; every use is kept in `uses`. */
export function credentialsOf(client: SecretsManagerClient, secretId: string): { credentials: IntegrationCredentials; uses: CredentialUse[] } {
  const uses: CredentialUse[] = [];
  return { uses, credentials: new IntegrationCredentials({ client, secretId, onUse: async (use) => { uses.push(use); } }) };
}
