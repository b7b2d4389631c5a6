import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { changelogEntries, unreleasedNotes, withReleasedEntry } from './changelog';

const CHANGELOG = `# Changelog

## [Unreleased]

Faster sign-in for everyone.

- Details.

## [1.1.0] - 2026-11-20 [DEPRECATED]

Outputs for the version.
Second line of the same paragraph.

- More.

## [1.0.0] - 2026-11-01

The first release.
`;

describe('the changelog', () => {
  test('lists each released version with its date, first paragraph and deprecation', () => {
    assert.deepEqual(changelogEntries(CHANGELOG), [
      { version: '1.1.0', date: '2026-11-20', deprecated: true, summary: 'Outputs for the version. Second line of the same paragraph.' },
      { version: '1.0.0', date: '2026-11-01', deprecated: false, summary: 'The first release.' },
    ]);
  });

  test('when a version is released, then the unreleased notes move under its entry and Unreleased is empty', () => {
    const released = withReleasedEntry(CHANGELOG, '1.2.0', '2026-11-23');
    assert.equal(unreleasedNotes(released), '');
    assert.deepEqual(changelogEntries(released)[0], { version: '1.2.0', date: '2026-11-23', deprecated: false, summary: 'Faster sign-in for everyone.' });
    assert.equal(changelogEntries(released).length, 3);
  });

  test('when there are no unreleased notes, then releasing says to write them', () => {
    const empty = withReleasedEntry(CHANGELOG, '1.2.0', '2026-11-23');
    assert.throws(() => withReleasedEntry(empty, '1.3.0', '2026-11-24'), /write what 1\.3\.0 changes for buyers under "## \[Unreleased\]"/);
  });
});
