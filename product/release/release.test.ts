import assert from 'node:assert/strict';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { WORKSPACE_VERSION } from '../versions/workspace-version';
import { release, releaseRefusal } from './release';
import { latestRelease, versionDirectory } from '../versions/released-versions';

const latest = latestRelease()!.version;
const NOTES = '## [Unreleased]\n\nA change buyers notice.\n';

describe('npm run release refuses what must not be released', () => {
  test('when the version is not semantic, then it says so', () => {
    assert.match(releaseRefusal('1.2', WORKSPACE_VERSION, false)!, /version "1\.2" is not a semantic version MAJOR\.MINOR\.PATCH/);
    assert.match(releaseRefusal('1.2.0-beta.1', WORKSPACE_VERSION, false)!, /is not a semantic version MAJOR\.MINOR\.PATCH/);
  });

  test('when the version is already released, then it says released versions never change', () => {
    assert.match(releaseRefusal('1.0.0', '1.0.0', false)!, /1\.0\.0 is already released .*released versions never change/);
  });

  test('when the version is lower than the latest release, then it names the latest', () => {
    assert.match(releaseRefusal('1.0.5', '1.0.5', false)!, new RegExp(`1\\.0\\.5 is not higher than the latest release, ${latest.replace(/\./g, '\\.')}`));
  });

  test('when the version is not the one under development, then it names package.json\'s version and the fix', () => {
    assert.match(releaseRefusal('9.0.0', WORKSPACE_VERSION, false)!, new RegExp(`package\\.json "version" is ${WORKSPACE_VERSION.replace(/\./g, '\\.')}.*npm version 9\\.0\\.0 --no-git-tag-version`));
  });

  test('when the changelog has no notes for it, then it says where to write them', () => {
    assert.match(releaseRefusal(WORKSPACE_VERSION, WORKSPACE_VERSION, false, '## [Unreleased]\n\n## [1.1.0] - 2026-11-23\n\nOld.\n')!,
      /CHANGELOG\.md has no notes under "## \[Unreleased\]"/);
  });

  test('when the working tree has uncommitted changes, then it lists them', () => {
    const stray = join(__dirname, '../../release-test-stray-file.txt');
    writeFileSync(stray, 'uncommitted');
    try {
      assert.match(releaseRefusal(WORKSPACE_VERSION, WORKSPACE_VERSION, true, NOTES)!, /uncommitted changes[\s\S]*release-test-stray-file\.txt/);
    } finally {
      rmSync(stray);
    }
  });

  test('when a check fails, then the release stops naming the step and writes nothing', async () => {
    const lines: string[] = [];
    const failing = { title: 'static checks (cfn-lint, cfn-guard)', run: () => { throw new Error('cfn-lint E3012 at Table'); } };
    await assert.rejects(
      release(WORKSPACE_VERSION, { developmentVersion: WORKSPACE_VERSION, steps: [failing], requireCleanTree: false, changelog: NOTES, progress: (line) => lines.push(line) }),
      /static checks \(cfn-lint, cfn-guard\) failed: cfn-lint E3012 at Table/,
    );
    assert.deepEqual(lines, ['[1/2] static checks (cfn-lint, cfn-guard)']);
    assert.ok(!existsSync(join(versionDirectory(WORKSPACE_VERSION), 'manifest.json')));
  });
});
