import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { StepError } from './steps/step-error';

/** A credential use, for the audit log: which name, for which run and step. */
export interface CredentialUse {
  readonly name: string;
  readonly runId: string;
  readonly stepId: string;
}

/** Options of {@link IntegrationCredentials}. */
export interface IntegrationCredentialsOptions {
  readonly client: SecretsManagerClient;
  /** The integration credentials secret: a JSON object of credential names to values. */
  readonly secretId: string;
  /** Told of every use, by name (the engine writes it to the audit log). */
  readonly onUse: (use: CredentialUse) => Promise<void>;
  /** How long a read of the secret is reused. @default 5 minutes */
  readonly cacheMs?: number;
}

/**
 * The integration credentials secret, read by name: definitions name a credential and never hold
 * it, steps receive its value only to send it, and every use is reported by name. A name that is not
 * in the secret is looked up once more (it may have just been added) before the step fails.
 */
export class IntegrationCredentials {
  private cached?: { values: Record<string, string>; until: number };

  constructor(private readonly options: IntegrationCredentialsOptions) {}

  /** The value of `name`; the step fails (no retry) naming `field` when the secret does not hold it. */
  async get(name: string, use: Omit<CredentialUse, 'name'>, field: string): Promise<string> {
    let value = (await this.values(false))[name];
    if (value === undefined) value = (await this.values(true))[name];
    if (value === undefined) {
      throw new StepError(`${field}: the integration credentials secret holds no credential named ${JSON.stringify(name)}; add it as a key of the secret (IntegrationCredentialsSecretArn) or fix the name`, { retryable: false });
    }
    await this.options.onUse({ name, ...use });
    return value;
  }

  private async values(fresh: boolean): Promise<Record<string, string>> {
    if (!fresh && this.cached && this.cached.until > Date.now()) return this.cached.values;
    const { SecretString } = await this.options.client.send(new GetSecretValueCommand({ SecretId: this.options.secretId }));
    let parsed: unknown;
    try {
      parsed = JSON.parse(SecretString ?? '{}');
    } catch {
      throw new StepError('the integration credentials secret is not a JSON object; store it as {"<name>": "<value>", ...}', { retryable: false });
    }
    const values = Object.fromEntries(Object.entries(parsed as Record<string, unknown>).map(([key, value]) => [key, typeof value === 'string' ? value : JSON.stringify(value)]));
    this.cached = { values, until: Date.now() + (this.options.cacheMs ?? 300_000) };
    return values;
  }
}
