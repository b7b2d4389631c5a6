import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { unzipSync } from 'fflate';
import { WORKSPACE_VERSION } from '../versions/workspace-version';
import { ReleaseContext } from './release-context';
import { consoleStep, functionArchivesStep } from './release-steps';

describe('the release\'s web console step', () => {
  test('when the version is released, then its bundle carries the console\'s files, and the publisher\'s archive the same files with the version\'s compliance report', async () => {
    const files = new Map<string, Uint8Array | string>();
    const context: ReleaseContext = { version: WORKSPACE_VERSION, template: {}, templateText: '', addFile: (path, content) => { files.set(path, content); } };
    await consoleStep.run(context);
    await functionArchivesStep.run(context);
    const consoleFiles = [...files.keys()].filter((path) => path.startsWith('console/'));
    assert.ok(consoleFiles.includes('console/index.html'));
    assert.ok(consoleFiles.some((path) => /^console\/assets\/index-[\w-]+\.js$/.test(path)), consoleFiles.join(', '));
    const report = readFileSync(join(__dirname, '../../compliance/reports', WORKSPACE_VERSION, 'compliance-report.html'));
    assert.deepEqual(Buffer.from(files.get('console/compliance-report.html') as Uint8Array), report);
    const archive = unzipSync(files.get('functions/console-publisher.zip') as Uint8Array);
    assert.deepEqual(Object.keys(archive).filter((path) => path !== 'index.js').sort(), consoleFiles.sort());
    for (const path of consoleFiles) assert.deepEqual(Buffer.from(archive[path]), Buffer.from(files.get(path) as Uint8Array), path);
  });
});
