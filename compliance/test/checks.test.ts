import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { parse } from 'yaml';
import { CHECKS } from '../checks';
import { Check, runCheck } from '../lib/check';
import { CloudFormationTemplate } from '../../product/cloudformation';
import { TEMPLATES } from './workspace-templates';

const CHECKS_DIR = join(__dirname, '../checks');
const fixture = (id: string) => parse(readFileSync(join(CHECKS_DIR, 'fixtures', `${id}.yaml`), 'utf8')) as Record<string, CloudFormationTemplate>;

describe('checks', () => {
  test('the index lists exactly the check files, and each ID is its file name', () => {
    const files = readdirSync(CHECKS_DIR).filter((name) => name.endsWith('.ts') && name !== 'index.ts').map((name) => name.slice(0, -3)).sort();
    assert.deepEqual(CHECKS.map((check) => check.id).sort(), files);
    for (const id of files) assert.equal(require(join(CHECKS_DIR, id)).check.id, id);
  });

  test('every check has a fixture file with a compliant and a non-compliant template, and nothing else', () => {
    const fixtures = readdirSync(join(CHECKS_DIR, 'fixtures')).map((name) => name.replace(/\.yaml$/, '')).sort();
    assert.deepEqual(fixtures, CHECKS.map((check) => check.id).sort());
    for (const check of CHECKS) assert.deepEqual(Object.keys(fixture(check.id)).sort(), ['compliant', 'non-compliant'], check.id);
  });

  for (const check of CHECKS) {
    test(`${check.id}: when the template complies, then it is compliant with evidence`, () => {
      const outcome = runCheck(check, fixture(check.id).compliant);
      assert.equal(outcome.status, 'compliant', outcome.message);
      assert.ok(outcome.evidence.length > 0 && outcome.evidence.every((e) => e.ok && e.resource !== ''));
    });

    test(`${check.id}: when the template has the weakness, then it is non-compliant and names the resource`, () => {
      const outcome = runCheck(check, fixture(check.id)['non-compliant']);
      assert.equal(outcome.status, 'non-compliant', outcome.message);
      const failing = outcome.evidence.filter((e) => !e.ok);
      assert.ok(failing.length > 0);
      for (const evidence of failing) assert.ok(outcome.message.includes(evidence.resource), outcome.message);
    });
  }

  const newest = [...TEMPLATES.keys()].at(-1);
  for (const [version, template] of TEMPLATES) {
    // Released templates predate some parts (WAF, GuardDuty, automations): checks of those do not apply to them.
    const accepted = version === newest ? ['compliant'] : ['compliant', 'not-applicable'];
    test(`every check is ${accepted.join(' or ')} on the committed template ${version}`, () => {
      const failing = CHECKS.map((check) => runCheck(check, template)).filter((outcome) => !accepted.includes(outcome.status));
      assert.deepEqual(failing.map((outcome) => `${outcome.check}: ${outcome.status} ${outcome.message}`), []);
    });
  }

  test('when a check throws, then its outcome is an error finding, not a pass', () => {
    const broken: Check = { id: 'broken', title: 'throws', evaluate: () => { throw new Error('unexpected shape'); } };
    const outcome = runCheck(broken, { Resources: {} });
    assert.equal(outcome.status, 'error');
    assert.match(outcome.message, /unexpected shape/);
  });

  for (const check of CHECKS.filter((c) => c.id !== 'region-rule-limits-regions')) {
    test(`${check.id}: when the template lacks what it judges, then it is not applicable`, () => {
      assert.equal(runCheck(check, { Resources: {} }).status, 'not-applicable');
    });
  }

  test('region-rule-limits-regions: when the template has no Region rule, then it is non-compliant, since every template must have one', () => {
    assert.equal(runCheck(CHECKS.find((c) => c.id === 'region-rule-limits-regions')!, { Resources: {} }).status, 'non-compliant');
  });
});
