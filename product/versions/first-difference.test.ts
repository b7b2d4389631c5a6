import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { firstDifference } from './first-difference';

describe('the first differing JSON path', () => {
  test('when nothing differs, then there is none', () => {
    assert.equal(firstDifference({ a: [1, { b: 'x' }] }, { a: [1, { b: 'x' }] }), undefined);
  });

  test('when a nested value differs, then the path names every key and index down to it', () => {
    assert.equal(firstDifference({ Resources: { T: { Properties: { A: [1, 2] } } } }, { Resources: { T: { Properties: { A: [1, 3] } } } }),
      'Resources.T.Properties.A.[1]');
  });

  test('when a key is removed or added, then the path names that key', () => {
    assert.equal(firstDifference({ a: 1, b: 2 }, { a: 1 }), 'b');
    assert.equal(firstDifference({ a: 1 }, { a: 1, c: 3 }), 'c');
  });

  test('the first difference in document order wins', () => {
    assert.equal(firstDifference({ a: 1, b: 2 }, { a: 9, b: 9 }), 'a');
  });
});
