import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { lint } from '../policy/static-checks';

/** A bucket that suppresses W1030 (a Ref resolving to an invalid value), which nothing in it can break. */
const SUPPRESSING_TEMPLATE = {
  AWSTemplateFormatVersion: '2010-09-09',
  Resources: {
    ExportBucket: { Type: 'AWS::S3::Bucket', Metadata: { 'cfn-lint': { config: { ignore_checks: ['W1030'] } } } },
  },
};

const workdir = mkdtempSync(join(tmpdir(), 'lint-suppressions-'));
after(() => rmSync(workdir, { recursive: true, force: true }));

test('when a resource suppresses a cfn-lint rule that does not fire on it, then the lint reports the suppression', () => {
  const path = join(workdir, 'suppressing.template.json');
  writeFileSync(path, JSON.stringify(SUPPRESSING_TEMPLATE));
  // The fixture lacks the Marketplace parameters, so only the suppression findings are of interest here.
  const unused = lint([path]).filter((found) => /drop the suppression/.test(found.message));
  assert.deepEqual(unused.map((found) => [found.tool, found.template, found.rule, found.subject]), [['cfn-lint', path, 'W1030', 'ExportBucket']]);
});
