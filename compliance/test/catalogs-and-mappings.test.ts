import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { stringify } from 'yaml';
import { CHECKS } from '../checks';
import { FRAMEWORKS, readCatalog, readYaml, sectionOf } from '../lib/catalog';
import { ControlMappingSchema, MappingSchema, readMapping } from '../lib/mapping';
import { knownToolRules } from '../lib/tool-evidence';

/** Implementation specifications of each HIPAA standard, from the regulation's text. */
const HIPAA_SPECIFICATIONS: Record<string, number> = {
  '164.308(a)(1)(i)': 4, '164.308(a)(2)': 0, '164.308(a)(3)(i)': 3, '164.308(a)(4)(i)': 3, '164.308(a)(5)(i)': 4, '164.308(a)(6)(i)': 1,
  '164.308(a)(7)(i)': 5, '164.308(a)(8)': 0, '164.308(b)(1)': 1, '164.310(a)(1)': 4, '164.310(b)': 0, '164.310(c)': 0, '164.310(d)(1)': 4,
  '164.312(a)(1)': 4, '164.312(b)': 0, '164.312(c)(1)': 1, '164.312(d)': 0, '164.312(e)(1)': 2, '164.314(a)(1)': 3, '164.314(b)(1)': 1,
  '164.316(a)': 0, '164.316(b)(1)': 3,
};
const ADDRESSABLE = ['164.308(a)(3)(ii)(A)', '164.308(a)(3)(ii)(B)', '164.308(a)(3)(ii)(C)', '164.308(a)(4)(ii)(B)', '164.308(a)(4)(ii)(C)',
  '164.308(a)(5)(ii)(A)', '164.308(a)(5)(ii)(B)', '164.308(a)(5)(ii)(C)', '164.308(a)(5)(ii)(D)', '164.308(a)(7)(ii)(D)', '164.308(a)(7)(ii)(E)',
  '164.310(a)(2)(i)', '164.310(a)(2)(ii)', '164.310(a)(2)(iii)', '164.310(a)(2)(iv)', '164.310(d)(2)(iii)', '164.310(d)(2)(iv)',
  '164.312(a)(2)(iii)', '164.312(a)(2)(iv)', '164.312(c)(2)', '164.312(e)(2)(i)', '164.312(e)(2)(ii)'];
const GDPR_ARTICLES = ['Art. 5(1)(e)', 'Art. 5(1)(f)', 'Art. 5(2)', 'Art. 17', 'Art. 20', 'Art. 24', 'Art. 25(1)', 'Art. 25(2)', 'Art. 28', 'Art. 30',
  'Art. 32(1)(a)', 'Art. 32(1)(b)', 'Art. 32(1)(c)', 'Art. 32(1)(d)', 'Art. 33', 'Art. 34', 'Art. 35', 'Art. 44', 'Art. 45', 'Art. 46'];

describe('control catalogs', () => {
  const hipaa = readCatalog('hipaa-security-rule');

  test('the HIPAA catalog has every standard with its implementation specifications', () => {
    const standards = hipaa.controls.filter((c) => c.kind === 'standard');
    assert.deepEqual(standards.map((s) => s.id), Object.keys(HIPAA_SPECIFICATIONS));
    for (const standard of standards) {
      const specifications = hipaa.controls.filter((c) => c.parent === standard.id);
      assert.equal(specifications.length, HIPAA_SPECIFICATIONS[standard.id], standard.id);
      assert.equal(standard.requirement, 'required', `${standard.id}: standards are required`);
    }
  });

  test('exactly the addressable HIPAA implementation specifications are marked addressable', () => {
    assert.deepEqual(hipaa.controls.filter((c) => c.requirement === 'addressable').map((c) => c.id), ADDRESSABLE);
  });

  test('every HIPAA implementation specification names an existing standard as its parent, and every control a section', () => {
    const ids = new Set(hipaa.controls.map((c) => c.id));
    for (const control of hipaa.controls.filter((c) => c.kind === 'implementation-specification')) assert.ok(ids.has(control.parent!), control.id);
    for (const framework of FRAMEWORKS) {
      const catalog = readCatalog(framework);
      const sections = new Set(catalog.sections.map((s) => s.id));
      for (const control of catalog.controls) assert.ok(sections.has(sectionOf(control)), `${framework} ${control.id}`);
    }
  });

  test('the GDPR catalog has every article the infrastructure can evidence', () => {
    assert.deepEqual(readCatalog('gdpr').controls.map((c) => c.id), GDPR_ARTICLES);
  });

  test('control IDs are unique within each catalog', () => {
    for (const framework of FRAMEWORKS) {
      const ids = readCatalog(framework).controls.map((c) => c.id);
      assert.equal(new Set(ids).size, ids.length, framework);
    }
  });
});

describe('control mappings', () => {
  const checkIds = new Set(CHECKS.map((check) => check.id));
  const toolRules = knownToolRules();

  for (const framework of FRAMEWORKS) {
    test(`${framework}: every control has exactly one mapping, and every mapping a control`, () => {
      const controls = readCatalog(framework).controls.map((c) => c.id).sort();
      assert.deepEqual(Object.keys(readMapping(framework).controls).sort(), controls);
    });

    test(`${framework}: every cited check and tool rule exists`, () => {
      for (const [control, mapping] of Object.entries(readMapping(framework).controls)) {
        for (const check of mapping.checks) assert.ok(checkIds.has(check), `${control} cites unknown check ${check}`);
        for (const rule of mapping.toolRules) assert.ok(toolRules.has(rule), `${control} cites unknown tool rule ${rule}`);
      }
    });
  }

  test('every check evidences at least one control', () => {
    const used = new Set(FRAMEWORKS.flatMap((f) => Object.values(readMapping(f).controls).flatMap((m) => m.checks)));
    assert.deepEqual([...checkIds].filter((id) => !used.has(id)), []);
  });

  test('when a product-implemented control has no check, then its mapping is rejected', () => {
    const parsed = ControlMappingSchema.safeParse({ responsibility: 'product-implemented', implementation: 'encrypts' });
    assert.equal(parsed.success, false);
    assert.match(JSON.stringify(parsed.error?.issues), /at least one of our automated checks/);
  });

  test('when a customer control has no duty or an inherited one cites a check, then its mapping is rejected', () => {
    assert.equal(ControlMappingSchema.safeParse({ responsibility: 'customer', implementation: 'policy' }).success, false);
    assert.equal(ControlMappingSchema.safeParse({ responsibility: 'inherited', implementation: 'AWS', checks: ['keys-rotate-yearly'], customerDuties: ['x'] }).success, false);
  });

  test('when a mapping has an unknown responsibility or field, then the error names the field', () => {
    const parsed = ControlMappingSchema.safeParse({ responsibility: 'vendor', implementation: 'x', extra: 1 });
    const issues = parsed.error!.issues;
    assert.ok(issues.some((issue) => issue.path[0] === 'responsibility'), JSON.stringify(issues));
    assert.ok(issues.some((issue) => issue.code === 'unrecognized_keys' && JSON.stringify(issue).includes('extra')), JSON.stringify(issues));
  });

  test('no statement of a mapping says in prose from which version it holds; since says it', () => {
    for (const framework of FRAMEWORKS) {
      for (const [control, mapping] of Object.entries(readMapping(framework).controls)) {
        for (const statement of [...mapping.implementation, ...mapping.customerDuties]) {
          assert.doesNotMatch(statement.text, /\bfrom \d+\.\d+\.\d+/i, `${framework} ${control}`);
        }
      }
    }
  });

  test('when a since is not a valid version, then reading the mapping fails naming the control and the field', () => {
    const controls = {
      'Art. 17': { responsibility: 'customer', implementation: ['Erases on request.', { since: '1.3', text: 'The console erases too.' }], customerDuties: ['Answer requests.'] },
      'Art. 20': { responsibility: 'customer', implementation: 'Exports.', customerDuties: [{ since: 'next', text: 'Hand the export over.' }] },
    };
    const directory = mkdtempSync(join(tmpdir(), 'mapping-'));
    try {
      writeFileSync(join(directory, 'gdpr.yaml'), stringify({ framework: 'gdpr', reviewed: '2026-11-23', controls }));
      assert.throws(() => readYaml(join(directory, 'gdpr.yaml'), MappingSchema), (error: Error) => {
        assert.match(error.message, /controls\.Art\. 17\.implementation\.1\.since: must be a version such as 1\.2\.0, got "1\.3"/);
        assert.match(error.message, /controls\.Art\. 20\.customerDuties\.0\.since: must be a version such as 1\.2\.0, got "next"/);
        return true;
      });
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  test('when every statement of an implementation has a since, then the mapping is rejected, as older versions would not say how the control is met', () => {
    const parsed = ControlMappingSchema.safeParse({ responsibility: 'customer', implementation: [{ since: '1.2.0', text: 'Exports.' }], customerDuties: ['x'] });
    assert.deepEqual(parsed.error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
      ['implementation: needs a statement without since, so every version says how the control is met']);
  });
});
