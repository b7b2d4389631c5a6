import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { WORKSPACE_VERSION } from '../versions/workspace-version';
import { archivePath } from '../images/image-files';
import { IMAGES_FILE, readImagesRecord } from '../images/image-record';
import { manifestOf } from '../versions/manifest';
import { ReleaseContext } from './release-context';
import { containerImagesStep } from './release-steps';
import { versionDirectory } from '../versions/released-versions';

describe('the release\'s container images step', () => {
  test('when the version is released, then its bundle carries images.json and the SBOMs, the manifest the digests, and build/ the OCI archives', async () => {
    const files = new Map<string, Uint8Array | string>();
    const context: ReleaseContext = { version: WORKSPACE_VERSION, template: {}, templateText: '', addFile: (path, content) => { files.set(path, content); } };
    await containerImagesStep.run(context);
    const record = readImagesRecord(WORKSPACE_VERSION)!;
    assert.deepEqual([...files.keys()].sort(), [IMAGES_FILE, ...Object.values(record.images).map((image) => image.sbom)].sort());
    for (const [path, content] of files) assert.equal(content, readFileSync(join(versionDirectory(WORKSPACE_VERSION), path), 'utf8'), path);
    const manifest = manifestOf(WORKSPACE_VERSION, files, context.images);
    assert.deepEqual(Object.fromEntries(Object.entries(manifest.images!).map(([name, image]) => [name, image.digest])),
      Object.fromEntries(Object.entries(record.images).map(([name, image]) => [name, image.digest])));
    for (const name of Object.keys(record.images)) assert.ok(existsSync(archivePath(WORKSPACE_VERSION, name)), name);
  });
});
