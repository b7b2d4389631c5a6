import { CreateBucketCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { LOCAL_CREDENTIALS, LocalAws, startLocalAws } from '../../../qa/local-aws/moto-server';
import { handler } from '../handler';
import { contentType, publishConsole } from '../publish';

/** A console build as Vite writes it: the page, hashed assets, a static file. */
function consoleBuild(): string {
  const directory = mkdtempSync(join(tmpdir(), 'console-build-'));
  mkdirSync(join(directory, 'assets'));
  writeFileSync(join(directory, 'index.html'), '<!doctype html><script type="module" src="/assets/index-Ab12.js"></script>');
  writeFileSync(join(directory, 'assets/index-Ab12.js'), 'console.log("workspace")');
  writeFileSync(join(directory, 'assets/index-Cd34.css'), 'body{margin:0}');
  writeFileSync(join(directory, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  return directory;
}

describe('the console publisher (Custom::ConsolePublication)', () => {
  let aws: LocalAws;
  let s3: S3Client;

  before(async () => {
    aws = await startLocalAws();
    s3 = new S3Client({ endpoint: aws.endpoint, region: 'us-east-1', credentials: LOCAL_CREDENTIALS, forcePathStyle: true });
  });
  after(async () => aws.stop());

  test('when a build is published, then every file is in the bucket with its content type, hashed assets cached for a year, and config.json revalidated', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'console-published' }));
    const written = await publishConsole(s3, 'console-published', consoleBuild(), '{"apiUrl":"https://api.example.org/v1"}');
    assert.equal(written.at(-1), 'config.json');
    const listed = (await s3.send(new ListObjectsV2Command({ Bucket: 'console-published' }))).Contents!.map((object) => object.Key).sort();
    assert.deepEqual(listed, ['assets/index-Ab12.js', 'assets/index-Cd34.css', 'config.json', 'favicon.svg', 'index.html']);
    const head = (key: string) => s3.send(new HeadObjectCommand({ Bucket: 'console-published', Key: key }));
    assert.deepEqual([(await head('assets/index-Ab12.js')).ContentType, (await head('assets/index-Ab12.js')).CacheControl], ['text/javascript; charset=utf-8', 'public, max-age=31536000, immutable']);
    assert.deepEqual([(await head('index.html')).ContentType, (await head('index.html')).CacheControl], ['text/html; charset=utf-8', 'no-cache']);
    const config = await s3.send(new GetObjectCommand({ Bucket: 'console-published', Key: 'config.json' }));
    assert.deepEqual(JSON.parse(await config.Body!.transformToString()), { apiUrl: 'https://api.example.org/v1' });
  });

  test('when a build holds a file of an unknown kind, then publishing is refused naming the file and the fix', () => {
    assert.throws(() => contentType('assets/data.wasm'), /assets\/data\.wasm: no content type for \.wasm; add it to CONTENT_TYPES/);
  });

  test('when CloudFormation sends properties without a Config, then the resource fails naming the field', async () => {
    const responses: unknown[] = [];
    const server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => { body += chunk; });
      request.on('end', () => { responses.push({ method: request.method, contentType: request.headers['content-type'], ...JSON.parse(body) }); response.end(); });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const event = {
        RequestType: 'Create', RequestId: 'r-1', StackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/s/1', LogicalResourceId: 'ConsolePublication',
        ResponseURL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/response`, ServiceToken: 'arn', ResourceType: 'Custom::ConsolePublication',
        ResourceProperties: { ServiceToken: 'arn', BucketName: 'console-published' },
      } as CloudFormationCustomResourceEvent;
      await handler(event);
      assert.deepEqual(responses, [{
        method: 'PUT', contentType: '', Status: 'FAILED', Reason: 'Config: Invalid input: expected string, received undefined',
        PhysicalResourceId: 'console-publication-r-1', StackId: event.StackId, RequestId: 'r-1', LogicalResourceId: 'ConsolePublication',
      }]);
    } finally {
      server.close();
    }
  });
});
