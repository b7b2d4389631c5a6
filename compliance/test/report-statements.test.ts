import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readCatalog } from '../lib/catalog';
import { ComplianceResults } from '../lib/evaluate';
import { ControlMappingSchema } from '../lib/mapping';
import { complianceDocument, ReportSubject } from '../report/compliance-document';
import { controlMatrixCsv } from '../report/control-matrix';
import { toHtml, toMarkdown } from '../report/document';
import { componentDefinition } from '../report/oscal';

/** One GDPR control whose implementation and duties each gain a statement in 1.3.0 (the duty without a full stop). */
function results(): ComplianceResults {
  const catalog = readCatalog('gdpr');
  const control = catalog.controls.find((c) => c.id === 'Art. 17')!;
  const mapping = ControlMappingSchema.parse({
    responsibility: 'customer',
    implementation: ['The API erases a user on request.', { since: '1.3.0', text: 'The console offers erasure too.' }],
    customerDuties: ['Answer requests within a month.', { since: '1.3.0', text: 'Tell users about the console\'s erasure' }],
  });
  const framework = { framework: 'gdpr' as const, catalog, mapping: { framework: 'gdpr' as const, reviewed: '2026-11-23', controls: { [control.id]: mapping } },
    controls: [{ control, mapping, status: 'not-automated' as const, checks: [], toolRules: [] }] };
  return { frameworks: [framework], checks: [], failures: [] };
}

const subject = (version: string): ReportSubject =>
  ({ version, templatePath: `templates/workspace/${version}/workspace.template.json`, templateSha256: '0'.repeat(64), template: { Resources: {} } as ReportSubject['template'] });
const markdown = (version: string) => toMarkdown(complianceDocument(subject(version), results(), [], new Map()));
const requirement = (version: string) => (componentDefinition(subject(version), results()) as any)['component-definition']
  .components[0]['control-implementations'][0]['implemented-requirements'][0];
const dutiesCell = (version: string) => controlMatrixCsv(version, results()).split('\r\n')[1].split(',').slice(9).join(',');

describe('statements that hold since a later version, in the reports', () => {
  test('when a statement holds since 1.3.0, then the 1.2.0 report leaves it out and the 1.3.0 report marks it', () => {
    assert.match(markdown('1.2.0'), /^How it is met: The API erases a user on request\.$/m);
    assert.match(markdown('1.2.0'), /^- Answer requests within a month\.\n\n/m);
    assert.doesNotMatch(markdown('1.2.0'), /console/);
    assert.match(markdown('1.3.0'), /^How it is met: The API erases a user on request\. The console offers erasure too \(since 1\.3\.0\)\.$/m);
    assert.match(markdown('1.3.0'), /^- Answer requests within a month\.\n- Tell users about the console's erasure \(since 1\.3\.0\)$/m);
  });

  test('when the report is HTML, then a since-statement carries the same mark', () => {
    const html = toHtml('report', complianceDocument(subject('1.3.0'), results(), [], new Map()));
    assert.match(html, /<p>How it is met: The API erases a user on request\. The console offers erasure too \(since 1\.3\.0\)\.<\/p>/);
    assert.match(html, /<li>Tell users about the console's erasure \(since 1\.3\.0\)<\/li>/);
  });

  test('when a statement holds since 1.3.0, then the 1.2.0 OSCAL requirement leaves it out and the 1.3.0 one marks it in its description and remarks', () => {
    assert.equal(requirement('1.2.0').description, 'The API erases a user on request.');
    assert.equal(requirement('1.2.0').remarks, 'Customer duties: Answer requests within a month.');
    assert.equal(requirement('1.3.0').description, 'The API erases a user on request. The console offers erasure too (since 1.3.0).');
    assert.equal(requirement('1.3.0').remarks, 'Customer duties: Answer requests within a month. Tell users about the console\'s erasure (since 1.3.0)');
  });

  test('when a duty holds since 1.3.0, then the 1.2.0 control matrix leaves it out and the 1.3.0 one joins it in, unmarked', () => {
    assert.equal(dutiesCell('1.2.0'), 'Answer requests within a month.');
    assert.equal(dutiesCell('1.3.0'), 'Answer requests within a month. Tell users about the console\'s erasure');
  });
});
