import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { clientConfig, confirmRealAws, parseDeployTarget, taskcatEnvironment } from '../local-aws/deploy-target';
import { LocalAws } from '../local-aws/moto-server';

const local = { endpoint: 'http://127.0.0.1:50123' } as LocalAws;
const REAL_CREDENTIALS = {
  AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  AWS_SESSION_TOKEN: 'session', AWS_PROFILE: 'production', AWS_ROLE_ARN: 'arn:aws:iam::123456789012:role/deployer', PATH: '/usr/bin',
};

describe('npm test deploys offline whatever credentials the environment holds (test-deploy\'s target)', () => {
  test('when no argument is given, then the target is moto on loopback, even with credentials in the environment', () => {
    assert.deepEqual(parseDeployTarget([]), { mode: 'local', confirmed: false });
  });

  test('when offline, then taskcat calls the local endpoint with its static keys, and the environment\'s own credential sources are dropped', () => {
    const environment = taskcatEnvironment(REAL_CREDENTIALS, local);
    assert.equal(environment.AWS_ENDPOINT_URL, 'http://127.0.0.1:50123');
    assert.notEqual(environment.AWS_ACCESS_KEY_ID, REAL_CREDENTIALS.AWS_ACCESS_KEY_ID);
    assert.notEqual(environment.AWS_SECRET_ACCESS_KEY, REAL_CREDENTIALS.AWS_SECRET_ACCESS_KEY);
    for (const name of ['AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_ROLE_ARN']) assert.equal(environment[name], undefined, name);
    assert.equal(environment.PATH, '/usr/bin');
  });

  test('when offline, then the post-deploy checks\' SDK clients talk to the local endpoint with its static keys', () => {
    const config = clientConfig('ap-south-1', local);
    assert.equal(config.endpoint, 'http://127.0.0.1:50123');
    assert.notEqual(config.credentials?.accessKeyId, REAL_CREDENTIALS.AWS_ACCESS_KEY_ID);
  });

  test('when --aws is given, then the target is real AWS, which still asks unless --yes is given too', () => {
    assert.deepEqual(parseDeployTarget(['--aws']), { mode: 'aws', confirmed: false });
    assert.deepEqual(parseDeployTarget(['--aws', '--yes']), { mode: 'aws', confirmed: true });
  });

  test('when --yes comes without --aws, or an argument is unknown, then it is refused with the fix', () => {
    assert.throws(() => parseDeployTarget(['--yes']), /--yes confirms a run on real AWS; give it with --aws/);
    assert.throws(() => parseDeployTarget(['--region=us-east-1']), /unknown argument --region=us-east-1; use --aws \(real AWS, billed\) and --yes/);
  });

  test('when the run on real AWS is not confirmed and there is no terminal to ask, then it says what it would do and launches nothing', async () => {
    const lines: string[] = [];
    assert.equal(await confirmRealAws(false, { isTTY: false } as NodeJS.ReadStream, (line) => lines.push(line)), false);
    assert.match(lines[0], /launches six stacks[\s\S]*costs a few US dollars[\s\S]*must be removed by hand/);
    assert.match(lines[1], /run with --yes to confirm/);
  });
});
