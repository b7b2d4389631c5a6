import {
  DescribeSecretCommand, GetRandomPasswordCommand, GetSecretValueCommand, PutSecretValueCommand, ResourceNotFoundException,
  SecretsManagerClient, UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import { EXCLUDED_PASSWORD_CHARACTERS, PASSWORD_LENGTH } from './contract';

/** What Secrets Manager sends a rotation function, once per step. */
export interface RotationEvent {
  readonly SecretId: string;
  readonly ClientRequestToken: string;
  readonly Step: 'createSecret' | 'setSecret' | 'testSecret' | 'finishSecret';
}

/** The master secret's value, as the target attachment completes it. */
export interface MasterSecret {
  readonly username: string;
  readonly password: string;
  readonly host: string;
  readonly port: number | string;
  readonly [key: string]: unknown;
}

/** What the rotation needs from outside. */
export interface RotationDependencies {
  readonly secrets: SecretsManagerClient;
  /** Signs in to the cluster as the secret's user and runs `operation` on the admin database; rejects when sign-in fails. */
  readonly asUser: <T>(secret: MasterSecret, operation: (admin: AdminDatabase) => Promise<T>) => Promise<T>;
  readonly log: (entry: Record<string, unknown>) => void;
}

/** The one admin command the rotation runs, and a ping. */
export interface AdminDatabase {
  command(command: Record<string, unknown>): Promise<unknown>;
}

const PENDING = 'AWSPENDING';
const CURRENT = 'AWSCURRENT';
const PREVIOUS = 'AWSPREVIOUS';

/**
 * Single-user rotation of the DocumentDB master secret, Secrets Manager's four steps: a new password is
 * staged AWSPENDING, set on the user signed in with the current one (or the previous one, when an earlier
 * rotation stopped between setting and finishing), tested by signing in with it, then made AWSCURRENT.
 * Every step can run again without harm: Secrets Manager retries a failed step.
 */
export function createSecretRotation(dependencies: RotationDependencies): (event: RotationEvent) => Promise<void> {
  const { secrets, asUser, log } = dependencies;
  const value = async (secretId: string, stage: string, versionId?: string): Promise<MasterSecret> => {
    const { SecretString } = await secrets.send(new GetSecretValueCommand({ SecretId: secretId, VersionStage: stage, VersionId: versionId }));
    return JSON.parse(SecretString ?? '{}') as MasterSecret;
  };
  const signsIn = (secret: MasterSecret) => asUser(secret, (admin) => admin.command({ ping: 1 })).then(() => true, () => false);

  const steps: Record<RotationEvent['Step'], (secretId: string, token: string) => Promise<void>> = {
    async createSecret(secretId, token) {
      const current = await value(secretId, CURRENT);
      try {
        await value(secretId, PENDING, token);
        return;
      } catch (error) {
        if (!(error instanceof ResourceNotFoundException)) throw error;
      }
      const { RandomPassword } = await secrets.send(new GetRandomPasswordCommand({ PasswordLength: PASSWORD_LENGTH, ExcludeCharacters: EXCLUDED_PASSWORD_CHARACTERS }));
      await secrets.send(new PutSecretValueCommand({
        SecretId: secretId, ClientRequestToken: token, VersionStages: [PENDING], SecretString: JSON.stringify({ ...current, password: RandomPassword }),
      }));
    },
    async setSecret(secretId, token) {
      const pending = await value(secretId, PENDING, token);
      if (await signsIn(pending)) return;
      const candidates = [await value(secretId, CURRENT), ...(await previous(secretId))];
      for (const signedIn of candidates) {
        if (signedIn.username !== pending.username) throw new Error(`the pending secret's user ${pending.username} is not the current one's (${signedIn.username})`);
        if (!(await signsIn(signedIn))) continue;
        await asUser(signedIn, (admin) => admin.command({ updateUser: pending.username, pwd: pending.password }));
        return;
      }
      throw new Error('neither the current nor the previous password signs in; set the password by hand, then rotate again');
    },
    async testSecret(secretId, token) {
      if (!(await signsIn(await value(secretId, PENDING, token)))) throw new Error('the pending password does not sign in');
    },
    async finishSecret(secretId, token) {
      const { VersionIdsToStages } = await secrets.send(new DescribeSecretCommand({ SecretId: secretId }));
      const current = Object.entries(VersionIdsToStages ?? {}).find(([, stages]) => stages.includes(CURRENT))?.[0];
      if (current === token) return;
      await secrets.send(new UpdateSecretVersionStageCommand({ SecretId: secretId, VersionStage: CURRENT, MoveToVersionId: token, RemoveFromVersionId: current }));
    },
  };

  async function previous(secretId: string): Promise<MasterSecret[]> {
    try {
      return [await value(secretId, PREVIOUS)];
    } catch (error) {
      if (error instanceof ResourceNotFoundException) return [];
      throw error;
    }
  }

  return async (event) => {
    await checkToken(secrets, event);
    if (!(event.Step in steps)) throw new Error(`unknown rotation step ${event.Step}`);
    await steps[event.Step](event.SecretId, event.ClientRequestToken);
    log({ event: 'rotation-step', step: event.Step, secretId: event.SecretId, version: event.ClientRequestToken });
  };
}

/**
 * Rotation must be on, and the token a version of the secret staged AWSPENDING (or already AWSCURRENT,
 * when finishing again); createSecret may also make the version, as PutSecretValue does when Secrets
 * Manager has not registered the token (a local endpoint does not).
 */
async function checkToken(secrets: SecretsManagerClient, { SecretId, ClientRequestToken, Step }: RotationEvent): Promise<void> {
  const { RotationEnabled, VersionIdsToStages } = await secrets.send(new DescribeSecretCommand({ SecretId }));
  if (!RotationEnabled) throw new Error(`rotation is not enabled on ${SecretId}`);
  const stages = VersionIdsToStages?.[ClientRequestToken];
  if (!stages && Step === 'createSecret') return;
  if (!stages) throw new Error(`version ${ClientRequestToken} is not a version of ${SecretId}`);
  if (!stages.includes(PENDING) && !(Step === 'finishSecret' && stages.includes(CURRENT))) {
    throw new Error(`version ${ClientRequestToken} of ${SecretId} is not staged ${PENDING}`);
  }
}
