import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { SIDECAR_NODE_FLAGS } from '../contract';

const PACKAGE = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as { scripts: Record<string, string> };

describe('the node flags of the sidecar', () => {
  test('when the sidecar starts, then node bounds the young and old generations', () => {
    assert.ok(SIDECAR_NODE_FLAGS.some((flag) => /^--max-semi-space-size=\d+$/.test(flag)), SIDECAR_NODE_FLAGS.join(' '));
    assert.ok(SIDECAR_NODE_FLAGS.some((flag) => /^--max-old-space-size=\d+$/.test(flag)), SIDECAR_NODE_FLAGS.join(' '));
  });

  test('when npm run metering starts the sidecar, then it passes the image\'s node flags', () => {
    assert.equal(PACKAGE.scripts.metering, `node ${SIDECAR_NODE_FLAGS.join(' ')} --import tsx services/metering/main.ts`);
  });
});
