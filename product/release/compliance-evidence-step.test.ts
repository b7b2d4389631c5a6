import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { REPORTS_DIR } from '../../compliance';
import { WORKSPACE_VERSION } from '../versions/workspace-version';
import { ReleaseContext } from './release-context';
import { complianceEvidenceStep } from './release-steps';

describe('the release\'s compliance evidence step', () => {
  test('when the version is released, then its bundle carries every committed report under compliance/, so the manifest freezes them', async () => {
    const files = new Map<string, Uint8Array | string>();
    const context: ReleaseContext = { version: WORKSPACE_VERSION, template: {}, templateText: '', addFile: (path, content) => { files.set(path, content); } };
    await complianceEvidenceStep.run(context);
    const committed = readdirSync(join(REPORTS_DIR, WORKSPACE_VERSION)).sort();
    assert.deepEqual([...files.keys()].sort(), committed.map((name) => `compliance/${name}`));
    for (const name of committed) assert.equal(files.get(`compliance/${name}`), readFileSync(join(REPORTS_DIR, WORKSPACE_VERSION, name), 'utf8'), name);
  });
});
