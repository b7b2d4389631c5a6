import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { LAMBDA_RUNTIME_CA_FILE } from '../api-handler/contract';
import { createSecretRotation } from './secret-rotation';
import { signInAs } from './sign-in';

/** The Lambda entry point Secrets Manager invokes for each rotation step of the DocumentDB master secret. */
export const handler = createSecretRotation({
  secrets: new SecretsManagerClient({}),
  asUser: signInAs({ caFile: LAMBDA_RUNTIME_CA_FILE }),
  log: (entry) => console.log(JSON.stringify(entry)),
});
