import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { WORKSPACE_VERSION } from './workspace-version';
import { assertReleasedTemplateUnchanged } from './immutable-release';
import { verifyBundle } from './manifest';
import { isReleased, releasedVersions, workspaceVersions } from './released-versions';

const released = releasedVersions();

describe('released versions never change', () => {
  test('1.0.0 and 1.1.0 are released, each with a changelog entry and a bundle', () => {
    assert.deepEqual(released.map((version) => version.version).slice(0, 2), ['1.0.0', '1.1.0']);
    for (const version of released) assert.ok(version.summary, `${version.version} has a changelog summary`);
  });

  for (const version of released) {
    test(`templates/workspace/${version.version}/ is exactly what its manifest lists (no file edited, added or removed)`, () => {
      assert.deepEqual(verifyBundle(version.directory), []);
    });
  }

  test('the versions with a template are the released ones and the one under development, oldest first', () => {
    assert.deepEqual(workspaceVersions(), [...released.map((version) => version.version), WORKSPACE_VERSION]);
  });

  test(`the version under development (${WORKSPACE_VERSION}) is not released yet (raise package.json "version" after a release)`, () => {
    assert.ok(!isReleased(WORKSPACE_VERSION));
  });

  test('when a released version\'s template would change, then synth fails naming the version and the first differing path', () => {
    const [version] = released;
    const template = version.template();
    const table = Object.keys(template.Resources).find((id) => template.Resources[id].Type === 'AWS::DynamoDB::Table')!;
    template.Resources[table].Properties.BillingMode = 'PROVISIONED';
    assert.throws(() => assertReleasedTemplateUnchanged(version.version, `${JSON.stringify(template, undefined, 2)}\n`),
      new RegExp(`workspace ${version.version.replace(/\./g, '\\.')} is released and immutable, but its template would change at Resources\\.${table}\\.Properties\\.BillingMode`));
  });

  test('when a released version\'s template is synthesized unchanged, then synth passes', () => {
    const [version] = released;
    assert.doesNotThrow(() => assertReleasedTemplateUnchanged(version.version, `${JSON.stringify(version.template(), undefined, 2)}\n`));
  });
});
