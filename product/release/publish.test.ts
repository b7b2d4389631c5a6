import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { LOCAL_CREDENTIALS, LocalAws, startLocalAws } from '../../qa/local-aws/moto-server';
import { readManifest, sha256 } from '../versions/manifest';
import { publish, publishTargets, verifyPublished } from './publish';
import { versionDirectory } from '../versions/released-versions';

const REGIONS = ['us-east-1', 'ap-south-1'];
let localAws: LocalAws;
const clientFor = (region: string) => new S3Client({ region, endpoint: localAws.endpoint, credentials: LOCAL_CREDENTIALS, forcePathStyle: true });

async function createBucket(name: string, region: string): Promise<void> {
  await clientFor(region).send(new CreateBucketCommand({
    Bucket: name, CreateBucketConfiguration: region === 'us-east-1' ? undefined : { LocationConstraint: region as any },
  }));
}

describe('npm run publish (against moto S3)', () => {
  before(async () => {
    localAws = await startLocalAws();
    await createBucket('workspace-releases', 'us-east-1');
    await createBucket('workspace-releases-ap-south-1', 'ap-south-1');
  });
  after(async () => { await localAws.stop(); });

  test('when 1.0.0 is published to two Regions, then every file is at <prefix>workspace/1.0.0/ in each with the manifest\'s sha256', async () => {
    const lines: string[] = [];
    const targets = await publish('1.0.0', { bucket: 'workspace-releases', regions: REGIONS, clientFor, progress: (line) => lines.push(line) });
    assert.deepEqual(targets.map((target) => target.bucket), ['workspace-releases', 'workspace-releases-ap-south-1']);
    const manifest = readManifest(versionDirectory('1.0.0'));
    for (const target of targets) {
      for (const [file, expected] of Object.entries(manifest.files)) {
        const object = await clientFor(target.region).send(new GetObjectCommand({ Bucket: target.bucket, Key: `workspace/1.0.0/${file}` }));
        assert.equal(sha256(await object.Body!.transformToByteArray()), expected, `${target.bucket} ${file}`);
      }
      assert.deepEqual(await verifyPublished(clientFor(target.region), target, '1.0.0'), []);
    }
    assert.equal(lines.filter((line) => line.includes('matches the manifest')).length, 2);
  });

  test('when an uploaded object is changed, then the verification names it', async () => {
    const [target] = publishTargets('1.0.0', { bucket: 'workspace-releases', regions: REGIONS });
    await clientFor('us-east-1').send(new PutObjectCommand({ Bucket: target.bucket, Key: 'workspace/1.0.0/functions/api-handler.zip', Body: 'not the release' }));
    const mismatches = await verifyPublished(clientFor('us-east-1'), target, '1.0.0');
    assert.equal(mismatches.length, 1);
    assert.match(mismatches[0], /workspace\/1\.0\.0\/functions\/api-handler\.zip: sha256 [0-9a-f]{64}, manifest/);
  });

  test('when a Region\'s bucket does not exist, then publishing names the bucket and the Region', async () => {
    await assert.rejects(publish('1.0.0', { bucket: 'workspace-releases', regions: ['us-east-1', 'eu-west-1'], clientFor, progress: () => {} }),
      /bucket workspace-releases-eu-west-1 \(eu-west-1\) is not reachable/);
  });

  test('when the version is not released, then nothing is uploaded and the error says to release it', async () => {
    await assert.rejects(publish('9.9.9', { bucket: 'workspace-releases', regions: REGIONS, clientFor }), /9\.9\.9 is not released .*npm run release -- 9\.9\.9/);
  });

  test('bad arguments are refused naming the option', () => {
    assert.throws(() => publishTargets('1.0.0', { bucket: 'Bad_Bucket', regions: REGIONS }), /--bucket "Bad_Bucket"/);
    assert.throws(() => publishTargets('1.0.0', { bucket: 'workspace-releases', regions: ['us-east-1', 'mars'] }), /--regions: "mars"/);
    assert.throws(() => publishTargets('1.0.0', { bucket: 'workspace-releases', regions: [] }), /--regions is empty/);
    assert.throws(() => publishTargets('1.0.0', { bucket: 'workspace-releases', regions: REGIONS, keyPrefix: 'releases' }), /--key-prefix "releases" must end with \//);
  });

  test('the bundle on disk is what the manifest lists', () => {
    const manifest = readManifest(versionDirectory('1.0.0'));
    for (const [file, expected] of Object.entries(manifest.files)) assert.equal(sha256(readFileSync(join(versionDirectory('1.0.0'), file))), expected, file);
  });
});
