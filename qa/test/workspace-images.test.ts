import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { WORKSPACE_VERSION } from '../../product/versions/workspace-version';
import { buildImages, BuiltImage } from '../../product/images/build-images';
import { imagesRecordText } from '../../product/images/image-files';
import { imagesRecordPath, ImagesRecord } from '../../product/images/image-record';
import { sbomProblems } from '../../product/images/sbom';
import { versionDirectory } from '../../product/versions/released-versions';
import { workspaceJson } from '../../product/test/workspace-template';
import { workflowInputSchema } from '../../services/workspace-data/workflow';
import { WorkflowService } from '../../services/workspace-data/workflow-service';
import { METERING_PORT } from '../../services/metering/contract';
import { createWorkspaceTable, localDynamoDb } from '../local-aws/workspace-table';
import { LocalAws, startLocalAws } from '../local-aws/moto-server';
import { RunningContainer, startContainer } from '../local-containers/oci-container';
import { LocalRegistry, startLocalRegistry } from '../local-containers/local-registry';
import { publishImages, pushImage } from '../../product/images/publish-images';
import { localAwsEnvironment, LocalWorkspace, startLocalWorkspace } from '../local-workspace/local-workspace';

/**
 * The images as the release builds them, checked as a buyer's account would run them: the digests the
 * committed images.json (and so the template) pins come out of this checkout again, and each image
 * starts from its OCI archive under runc with a read-only root file system.
 */
describe('the workspace container images', () => {
  let record: ImagesRecord;
  let images: BuiltImage[];
  let archives: string;
  const archive = (name: string) => join(archives, `${name}.oci.tar`);

  before(async () => {
    ({ record, images } = await buildImages({ version: WORKSPACE_VERSION, progress: () => undefined }));
    archives = mkdtempSync(join(tmpdir(), 'workspace-images-'));
    for (const image of images) writeFileSync(archive(image.name), image.archive);
  });
  after(() => rmSync(archives, { recursive: true, force: true }));

  describe('reproducible and pinned', () => {
    test('when the images are built from this checkout, then images.json and the SBOMs are the committed ones (npm run synth writes them)', () => {
      assert.equal(imagesRecordText(record), readFileSync(imagesRecordPath(WORKSPACE_VERSION), 'utf8'), 'images.json is stale: run npm run synth and commit');
      for (const image of images) {
        assert.equal(image.sbom, readFileSync(join(versionDirectory(WORKSPACE_VERSION), image.record.sbom), 'utf8'), `${image.record.sbom} is stale: run npm run synth`);
      }
    });

    test('when they are built again with nothing cached (layers compressed and the add-on compiled again), then every layer and image digest is the same', async () => {
      const again = await buildImages({ version: WORKSPACE_VERSION, cache: false, progress: () => undefined });
      assert.deepEqual(again.record, record);
      assert.deepEqual(again.images.map((image) => image.archive.equals(images.find((first) => first.name === image.name)!.archive)), [true, true]);
    });

    test('when the template is synthesized, then its image defaults name these digests, not tags', () => {
      assert.equal(workspaceJson.Parameters.EngineImage.Default, `${record.images.engine.repository}@${record.images.engine.digest}`);
      assert.equal(workspaceJson.Parameters.MeteringSidecarImage.Default, `${record.images['metering-sidecar'].repository}@${record.images['metering-sidecar'].digest}`);
    });

    test('when an image is pulled, then it is smaller than 0.8 times node:20-slim (about 70 MB compressed)', () => {
      for (const image of Object.values(record.images)) assert.ok(image.compressedSize < 0.8 * 70_000_000, `${image.repository}: ${image.compressedSize} bytes`);
    });
  });

  describe('software bill of materials', () => {
    test('when an SBOM is checked against the CycloneDX 1.6 schema, then it is valid', async () => {
      for (const image of images) assert.equal(await sbomProblems(image.sbom), null, image.name);
    });

    test('when a reviewer reads the engine\'s SBOM, then it names the image digest, glibc, Node.js by CPE and the bundled npm packages with licences', () => {
      const sbom = JSON.parse(images.find((image) => image.name === 'engine')!.sbom);
      assert.ok(sbom.metadata.component.purl.startsWith(`pkg:oci/engine@${record.images.engine.digest}?`), sbom.metadata.component.purl);
      const byName = new Map<string, any>(sbom.components.map((component: any) => [component.name, component]));
      assert.match(byName.get('libc6').purl, /^pkg:deb\/debian\/libc6@2\.36-9\+deb12u\d+\?arch=amd64&distro=debian-12$/);
      assert.match(byName.get('node').cpe, /^cpe:2\.3:a:nodejs:node\.js:24\.\d+\.\d+:/);
      assert.equal(byName.get('mongodb').licenses[0].license.id, 'Apache-2.0');
      assert.ok(byName.get('mongodb').hashes.some((hash: any) => hash.alg === 'SHA-512'));
      assert.ok(!byName.has('aws-cdk-lib'), 'only what the image carries is listed');
    });

    test('when a reviewer reads the sidecar\'s SBOM, then better-sqlite3, whose add-on it carries, is listed', () => {
      const sbom = JSON.parse(images.find((image) => image.name === 'metering-sidecar')!.sbom);
      assert.ok(sbom.components.some((component: any) => component.name === 'better-sqlite3'));
    });
  });

  describe('the metering sidecar image, started as its task definition starts it', () => {
    let aws: LocalAws;
    let sidecar: RunningContainer;

    before(async () => {
      aws = await startLocalAws();
      const table = await createWorkspaceTable(localDynamoDb(aws));
      sidecar = await startContainer(archive('metering-sidecar'), {
        env: {
          ...localAwsEnvironment(aws), METERING_MODE: 'custom', METERING_PRODUCT_CODE: 'prodcode123', METERING_DIMENSIONS: 'AutomationRuns,AiAssistedSteps',
          METERING_STORAGE: `dynamodb:${table}`, METERING_BIND: '127.0.0.1', METERING_PORT: String(METERING_PORT),
        },
      });
      await sidecar.waitForLog((entry) => entry.message === 'metering sidecar listening');
    });
    after(async () => {
      await sidecar?.stop();
      await aws?.stop();
    });

    test('when it runs, then it runs as the non-root user of the task definition, on a root file system it cannot write', async () => {
      assert.equal(sidecar.config.User, '1000:1000');
      const probe = await sidecar.exec(['node', '-e', 'try{require("fs").writeFileSync("/opt/metering/x","")}catch(e){console.log(process.getuid(),e.code)}']);
      assert.equal(probe.stdout.trim(), '1000 EROFS');
    });

    test('when /healthz is asked, then it answers, and the image\'s own health check passes', async () => {
      const response = await fetch(`http://127.0.0.1:${METERING_PORT}/healthz`);
      assert.equal(response.status, 200);
      assert.equal(await sidecar.healthCheck(), 0);
    });

    test('when the engine reports a unit, then the sidecar in the image stores it in the DynamoDB ledger', async () => {
      const response = await fetch(`http://127.0.0.1:${METERING_PORT}/v1/usage`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ dimension: 'AutomationRuns', quantity: 1, id: 'image-smoke-1' }),
      });
      assert.equal(response.status, 202);
      const summary = await (await fetch(`http://127.0.0.1:${METERING_PORT}/v1/usage/summary`)).json() as { hours: { dimension: string; quantity: number }[] };
      assert.equal(summary.hours.find((hour) => hour.dimension === 'AutomationRuns')?.quantity, 1);
    });

    test('when the image is inspected, then it has no shell and no package manager', () => {
      for (const path of ['bin/sh', 'bin/bash', 'usr/bin/apt-get', 'usr/bin/dpkg']) assert.ok(!existsSync(join(sidecar.rootfs, path)), path);
    });
  });

  describe('the engine image, started against the local workspace', () => {
    let workspace: LocalWorkspace;
    let engine: RunningContainer;
    const CA_IN_CONTAINER = '/run/local-documentdb/ca.pem';

    before(async () => {
      workspace = await startLocalWorkspace();
      engine = await startContainer(archive('engine'), {
        env: workspace.engineEnvironment({ DOCUMENTDB_CA_FILE: CA_IN_CONTAINER }),
        mounts: [{ source: workspace.documentDb.caFile, destination: CA_IN_CONTAINER }],
      });
      await engine.waitForLog((entry) => entry.message === 'engine started', 60_000);
    });
    after(async () => {
      await engine?.stop();
      await workspace?.stop();
    });

    test('when a workflow is run, then the engine in the image runs it to the end', async () => {
      const workflows = new WorkflowService(workspace.workflows, workspace.definitions, workspace.audit);
      const workflow = await workflows.create(workflowInputSchema.parse({
        name: 'image smoke', steps: [{ id: 'greet', kind: 'transform', inputs: { expression: '"hello " & input.who' } }],
      }), 'secops@example.org', new Date());
      const run = await workflows.queueRun(workflow.workflowId, { by: 'secops@example.org', trigger: 'manual', input: { who: 'image' } }, new Date());
      const deadline = Date.now() + 60_000;
      let status = run.status;
      while (!['succeeded', 'failed'].includes(status) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        status = (await workspace.workflows.getRun(run.runId)).status;
      }
      assert.equal(status, 'succeeded');
      assert.deepEqual((await workspace.workflows.listSteps(run.runId))[0].output, 'hello image');
    });

    test('when the heartbeat is written, then the image\'s own health check passes', async () => {
      const deadline = Date.now() + 30_000;
      let code = await engine.healthCheck();
      while (code !== 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        code = await engine.healthCheck();
      }
      assert.equal(code, 0);
    });

    test('when DocumentDB\'s certificate is checked in AWS, then the image carries the Amazon RDS certificate authorities', async () => {
      const probe = await engine.exec(['node', '-e',
        'const pem=require("fs").readFileSync("/opt/engine/rds-global-bundle.pem","utf8");const c=pem.match(/-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g).map(p=>new (require("crypto").X509Certificate)(p));console.log(c.length, c.every(x=>/Amazon RDS/.test(x.subject)))']);
      const [count, allRds] = probe.stdout.trim().split(' ');
      assert.ok(Number(count) > 100, probe.stdout + probe.stderr);
      assert.equal(allRds, 'true');
    });
  });

  describe('publishing to a registry', () => {
    let registry: LocalRegistry;
    before(async () => { registry = await startLocalRegistry(); });
    after(async () => { await registry?.stop(); });

    test('when an image is pushed, then the registry serves the same digest, and pulling it by digest gives the same manifest', async () => {
      const engine = images.find((image) => image.name === 'engine')!;
      const lines: string[] = [];
      await pushImage(engine.archive, engine.image.digest, { destination: `${registry.host}/automation-workspace/engine:${WORKSPACE_VERSION}`, insecure: true }, (line) => lines.push(line));
      assert.ok(lines.some((line) => /Copying blob/.test(line)), lines.join('\n'));
      const manifest = execFileSync('skopeo', ['inspect', '--raw', '--tls-verify=false', `docker://${registry.host}/automation-workspace/engine@${engine.image.digest}`]);
      assert.equal(`sha256:${createHash('sha256').update(manifest).digest('hex')}`, engine.image.digest);
    });

    test('when the registry holds another manifest than the one expected, then the push fails naming both digests', async () => {
      const sidecar = images.find((image) => image.name === 'metering-sidecar')!;
      const expected = `sha256:${'0'.repeat(64)}`;
      await assert.rejects(
        pushImage(sidecar.archive, expected, { destination: `${registry.host}/automation-workspace/metering-sidecar:${WORKSPACE_VERSION}`, insecure: true }, () => undefined),
        (error: Error) => error.message.includes(sidecar.image.digest) || /manifest unknown/.test(error.message),
      );
    });

    test('when the version is not released, then publishing refuses before building or pushing anything', async () => {
      await assert.rejects(publishImages(WORKSPACE_VERSION, { registry: registry.host, insecure: true }), new RegExp(`${WORKSPACE_VERSION.replace(/\./g, '\\.')} is not released`));
    });

    test('when the version was released before images were, then publishing says so', async () => {
      await assert.rejects(publishImages('1.2.0', { registry: registry.host, insecure: true }), /1\.2\.0 was released without container images/);
    });
  });
});
