import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { awsIcon } from '../diagram/aws-icons';

describe('official AWS icons from the aws-icons package', () => {

  test('an icon is placed as a nested SVG at the given position and size, keeping the original drawing and viewBox', () => {
    const original = readFileSync(require.resolve('aws-icons/icons/architecture-service/AWSLambda.svg'), 'utf8');
    const placed = awsIcon('architecture-service/AWSLambda', 10, 20, 36);
    assert.match(placed, /^<svg x="10" y="20" width="36" height="36" viewBox="0 0 64 64">/);
    assert.ok(placed.includes(/<path[\s\S]*<\/g>/.exec(original)![0]));
    assert.ok(!placed.includes('<title>'));
  });

  test('when an icon name does not exist, then it fails naming the file looked for', () => {
    assert.throws(() => awsIcon('architecture-service/AmazonNothing', 0, 0, 10), /the aws-icons package has no icon 'architecture-service\/AmazonNothing' \(looked for icons\/architecture-service\/AmazonNothing\.svg\)/);
  });
});
