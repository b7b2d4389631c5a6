import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { lint } from '../policy/static-checks';

const FIXTURES = join(__dirname, '../lint-rules/fixtures');
const fixtures = readdirSync(FIXTURES).filter((file) => file.endsWith('.json')).sort();
const failing = fixtures.filter((file) => /^E9\d{3}-/.test(file));
const findings = lint(fixtures.map((file) => join(FIXTURES, file)));
const rulesFoundIn = (file: string) => new Set(findings.filter((finding) => finding.template.endsWith(file)).map((finding) => finding.rule));
const customRules = new Set(failing.map((file) => file.slice(0, 5)));

describe('the Marketplace template policies as cfn-lint rules', () => {
  test('a template that follows every policy passes every rule', () => {
    assert.deepEqual([...rulesFoundIn('compliant.json')].filter((rule) => customRules.has(rule)), []);
  });

  for (const file of failing) {
    const rule = file.slice(0, 5);
    test(`${rule} fails ${file} and only that one of our rules`, () => {
      assert.deepEqual([...rulesFoundIn(file)].filter((found) => customRules.has(found)), [rule]);
    });
  }

  test('every rule has a failing fixture', () => {
    assert.deepEqual([...customRules].sort(), ['E9101', 'E9102', 'E9103', 'E9104', 'E9105', 'E9106', 'E9107']);
  });
});
