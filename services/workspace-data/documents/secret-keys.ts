import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/** The keys of a secret that holds a JSON object (the integration credentials), never its values. */
export async function secretKeys(client: SecretsManagerClient, secretId: string): Promise<string[]> {
  const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
  try {
    const parsed = JSON.parse(SecretString ?? '{}');
    return typeof parsed === 'object' && parsed !== null ? Object.keys(parsed) : [];
  } catch {
    return [];
  }
}
