import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { imageNodeFlags } from '../node-flags';

const PACKAGE = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as { scripts: Record<string, string> };

describe('the node flags of the sidecar', () => {
  test('when the image starts the sidecar, then node bounds the young and old generations', () => {
    const flags = imageNodeFlags();
    assert.ok(flags.some((flag) => /^--max-semi-space-size=\d+$/.test(flag)), flags.join(' '));
    assert.ok(flags.some((flag) => /^--max-old-space-size=\d+$/.test(flag)), flags.join(' '));
  });

  test('when npm run metering starts the sidecar, then it passes the image\'s node flags', () => {
    assert.equal(PACKAGE.scripts.metering, `node ${imageNodeFlags().join(' ')} --import tsx services/metering/main.ts`);
  });

  test('when the Dockerfile\'s CMD does not run sidecar.js with node, then reading the flags fails naming the Dockerfile', () => {
    assert.throws(() => imageNodeFlags('FROM node:20\nCMD ["npm", "start"]\n'), /Dockerfile: expected CMD \["node", \.\.\.flags, "sidecar\.js"\]/);
  });
});
