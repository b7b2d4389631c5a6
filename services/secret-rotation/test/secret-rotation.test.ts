import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import {
  CreateSecretCommand, DescribeSecretCommand, GetSecretValueCommand, RotateSecretCommand, SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { LocalAws, LOCAL_CREDENTIALS, startLocalAws } from '../../../qa/local-aws/moto-server';
import { LocalDocumentDb, startLocalDocumentDb } from '../../../qa/local-documentdb/ferretdb-server';
import { EXCLUDED_PASSWORD_CHARACTERS, PASSWORD_LENGTH } from '../contract';
import { createSecretRotation, MasterSecret, RotationEvent } from '../secret-rotation';
import { signInAs } from '../sign-in';

/**
 * The rotation function against moto's Secrets Manager and FerretDB (TLS, SCRAM), the test playing
 * Secrets Manager: it calls the four steps in order, as a rotation does, and repeats some as its retries do.
 */
describe('DocumentDB master secret rotation', () => {
  let aws: LocalAws;
  let documentDb: LocalDocumentDb;
  let secrets: SecretsManagerClient;
  let asUser: ReturnType<typeof signInAs>;
  const logged: Record<string, unknown>[] = [];

  before(async () => {
    [aws, documentDb] = await Promise.all([startLocalAws(), startLocalDocumentDb()]);
    secrets = new SecretsManagerClient({ endpoint: aws.endpoint, region: 'us-east-1', credentials: LOCAL_CREDENTIALS });
    asUser = signInAs({ caFile: documentDb.caFile, replicaSet: '' });
  });
  after(async () => {
    secrets?.destroy();
    await Promise.all([aws?.stop(), documentDb?.stop()]);
  });

  const rotation = () => createSecretRotation({ secrets, asUser, log: (entry) => logged.push(entry) });
  const signsIn = (secret: MasterSecret) => asUser(secret, (admin) => admin.command({ ping: 1 })).then(() => true, () => false);
  const stage = async (secretId: string, versionStage: string) =>
    JSON.parse((await secrets.send(new GetSecretValueCommand({ SecretId: secretId, VersionStage: versionStage }))).SecretString!) as MasterSecret;

  /** A master secret of the local server's user, with rotation switched on, as the template leaves it. */
  async function masterSecret(password = documentDb.password): Promise<string> {
    const value = { username: documentDb.username, password, host: documentDb.host, port: documentDb.port, engine: 'mongo' };
    const { ARN } = await secrets.send(new CreateSecretCommand({ Name: `master-${randomUUID()}`, SecretString: JSON.stringify(value) }));
    // Rotation switched on without running it (RotateImmediately false), as the rotation schedule does.
    await secrets.send(new RotateSecretCommand({ SecretId: ARN, RotationRules: { AutomaticallyAfterDays: 30 }, RotateImmediately: false }));
    return ARN!;
  }

  async function rotate(secretId: string, token: string, steps: RotationEvent['Step'][] = ['createSecret', 'setSecret', 'testSecret', 'finishSecret']) {
    const run = rotation();
    for (const step of steps) await run({ SecretId: secretId, ClientRequestToken: token, Step: step });
  }

  /** Puts the user's password back, so the next test signs in as the server was started. */
  async function restore(secretId: string): Promise<void> {
    const current = await stage(secretId, 'AWSCURRENT');
    await asUser(current, (admin) => admin.command({ updateUser: documentDb.username, pwd: documentDb.password }));
  }

  test('when a rotation runs its four steps, then the user signs in with a new password only, the secret holds it as AWSCURRENT and the old one as AWSPREVIOUS', async () => {
    const secretId = await masterSecret();
    try {
      await rotate(secretId, randomUUID());
      const current = await stage(secretId, 'AWSCURRENT');
      const previous = await stage(secretId, 'AWSPREVIOUS');
      assert.notEqual(current.password, documentDb.password);
      assert.equal(previous.password, documentDb.password);
      assert.deepEqual({ ...current, password: undefined }, { ...previous, password: undefined });
      assert.equal(await signsIn(current), true);
      assert.equal(await signsIn(previous), false);
    } finally {
      await restore(secretId);
    }
  });

  test('the new password is 32 characters without the characters DocumentDB or a connection string refuses', async () => {
    const secretId = await masterSecret();
    const token = randomUUID();
    try {
      await rotate(secretId, token, ['createSecret']);
      const pending = JSON.parse((await secrets.send(new GetSecretValueCommand({ SecretId: secretId, VersionId: token, VersionStage: 'AWSPENDING' }))).SecretString!);
      assert.equal(pending.password.length, PASSWORD_LENGTH);
      for (const character of EXCLUDED_PASSWORD_CHARACTERS) assert.ok(!pending.password.includes(character), character);
      assert.equal(await signsIn(await stage(secretId, 'AWSCURRENT')), true, 'creating the pending secret changes nothing on the cluster');
    } finally {
      await restore(secretId);
    }
  });

  test('when Secrets Manager retries every step, then the rotation ends as if each ran once', async () => {
    const secretId = await masterSecret();
    const token = randomUUID();
    try {
      await rotate(secretId, token, ['createSecret', 'createSecret', 'setSecret', 'setSecret', 'testSecret', 'finishSecret', 'finishSecret']);
      const { VersionIdsToStages } = await secrets.send(new DescribeSecretCommand({ SecretId: secretId }));
      // Secrets Manager itself takes AWSPENDING off once the rotation is done.
      assert.ok(VersionIdsToStages![token].includes('AWSCURRENT'));
      assert.equal(Object.values(VersionIdsToStages!).filter((stages) => stages.includes('AWSCURRENT')).length, 1);
      assert.equal(await signsIn(await stage(secretId, 'AWSCURRENT')), true);
    } finally {
      await restore(secretId);
    }
  });

  test('when a rotation stopped after setting the password, then the next rotation signs in with the password it set and completes', async () => {
    const secretId = await masterSecret();
    const first = randomUUID();
    try {
      await rotate(secretId, first, ['createSecret', 'setSecret']);
      const stalled = JSON.parse((await secrets.send(new GetSecretValueCommand({ SecretId: secretId, VersionId: first, VersionStage: 'AWSPENDING' }))).SecretString!);
      // The cluster has the pending password; AWSCURRENT still holds the old one. A retry of the same rotation finishes it.
      await rotate(secretId, first, ['setSecret', 'testSecret', 'finishSecret']);
      assert.equal((await stage(secretId, 'AWSCURRENT')).password, stalled.password);
      assert.equal(await signsIn(await stage(secretId, 'AWSCURRENT')), true);
    } finally {
      await restore(secretId);
    }
  });

  test('when neither the current nor the previous password signs in, then setSecret fails saying what to do and the cluster keeps its password', async () => {
    const secretId = await masterSecret('not-the-password');
    const token = randomUUID();
    await rotate(secretId, token, ['createSecret']);
    await assert.rejects(rotate(secretId, token, ['setSecret']), /neither the current nor the previous password signs in; set the password by hand/);
    assert.equal(await signsIn({ username: documentDb.username, password: documentDb.password, host: documentDb.host, port: documentDb.port }), true);
  });

  test('when the token is not a version of the secret, then a later step refuses it and changes nothing', async () => {
    const secretId = await masterSecret();
    await assert.rejects(rotate(secretId, randomUUID(), ['setSecret']), /is not a version of/);
    assert.equal((await stage(secretId, 'AWSCURRENT')).password, documentDb.password);
  });

  test('when rotation is off for the secret, then every step refuses to run', async () => {
    const value = { username: documentDb.username, password: documentDb.password, host: documentDb.host, port: documentDb.port };
    const { ARN } = await secrets.send(new CreateSecretCommand({ Name: `unrotated-${randomUUID()}`, SecretString: JSON.stringify(value) }));
    await assert.rejects(rotate(ARN!, randomUUID(), ['createSecret']), /rotation is not enabled on/);
  });

  test('each step that runs is logged with the secret and version', () => {
    assert.ok(logged.some((entry) => entry.event === 'rotation-step' && entry.step === 'finishSecret' && typeof entry.version === 'string'));
  });
});
