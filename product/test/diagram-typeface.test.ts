import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { fontFiles, textWidth, wrapText } from '../diagram/typeface';

describe('the bundled typeface of the diagram', () => {

  test('the PNG renderer is given TrueType files that exist (the pinned Inter)', () => {
    const files = fontFiles();
    assert.ok(files.length >= 2);
    for (const file of files) {
      assert.ok(existsSync(file), file);
      assert.equal(readFileSync(file).readUInt32BE(0), 0x00010000, `${file} is not a TrueType font`);
    }
  });

  test('a wide glyph measures wider than a narrow one, and width grows with the font size', () => {
    assert.ok(textWidth('WWWW', 12) > 2 * textWidth('iiii', 12));
    assert.equal(textWidth('Availability Zone 1', 24), 2 * textWidth('Availability Zone 1', 12));
    assert.ok(textWidth('Database subnet', 12, 600) > textWidth('Database subnet', 12, 400));
  });

  test('when text is wider than the limit, then it wraps at spaces and keeps each line within the limit', () => {
    const lines = wrapText('Amazon DynamoDB table of workflows', 12, 600, 90);
    assert.equal(lines.join(' '), 'Amazon DynamoDB table of workflows');
    assert.ok(lines.length > 1);
    for (const line of lines) assert.ok(textWidth(line, 12, 600) <= 90, line);
  });

  test('when one word is wider than the limit, then it stands on its own line unbroken', () => {
    assert.deepEqual(wrapText('a DocumentDBDocumentDB b', 12, 400, 40), ['a', 'DocumentDBDocumentDB', 'b']);
  });
});
