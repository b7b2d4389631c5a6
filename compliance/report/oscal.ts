import { createHash } from 'node:crypto';
import { isFinding } from '../lib/check';
import { ComplianceResults, ControlResult } from '../lib/evaluate';
import { statementsHoldingIn } from '../lib/statements';
import { ReportSubject } from './compliance-document';
import { markedParagraph } from './statement-text';

/** The OSCAL version the component definition follows (the one compliance-trestle 5.2 validates). */
export const OSCAL_VERSION = '1.1.2';
/** Namespace of our own OSCAL properties. */
const NS = 'urn:automation-workspace:compliance';
/** Namespace of the name-based UUIDs, so the same version always gets the same UUIDs. */
const UUID_NAMESPACE = '6f1c1e8e-3c1b-4a53-9a43-2d1b6d2f7a10';

/** A name-based (version 5) UUID: deterministic, so regenerating the file changes nothing. */
export function nameUuid(name: string): string {
  const hash = createHash('sha1').update(Buffer.from(UUID_NAMESPACE.replace(/-/g, ''), 'hex')).update(name).digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** An OSCAL control ID (a token) for a control ID such as `164.308(a)(1)(ii)(A)` or `Art. 5(1)(e)`. */
export function oscalControlId(framework: string, controlId: string): string {
  const token = controlId.toLowerCase().replace(/^art\. /, 'art-').replace(/\)\(/g, '.').replace(/[()]/g, '.').replace(/\.+$/, '').replace(/\.{2,}/g, '.');
  return `${framework === 'gdpr' ? 'gdpr' : 'hipaa'}-${token}`;
}

const prop = (name: string, value: string) => ({ name, ns: NS, value });

/** The customer duties of a control in `version`, as the remarks of its implemented requirement. */
function dutiesRemarks(result: ControlResult, version: string): { remarks?: string } {
  const duties = statementsHoldingIn(result.mapping.customerDuties, version);
  return duties.length ? { remarks: `Customer duties: ${markedParagraph(duties)}` } : {};
}

/**
 * The OSCAL component definition of one template version: one component (the CloudFormation template),
 * one control implementation per framework, one implemented requirement per control, with the
 * responsibility, the automated evidence and its result as properties and the customer duties as remarks.
 */
export function componentDefinition(subject: ReportSubject, results: ComplianceResults): object {
  const reviewed = results.frameworks.map((f) => f.mapping.reviewed).sort().at(-1);
  return {
    'component-definition': {
      uuid: nameUuid(`component-definition/${subject.version}`),
      metadata: {
        title: `Automation Workspace ${subject.version}: HIPAA Security Rule and GDPR control implementation`,
        'last-modified': `${reviewed}T00:00:00Z`,
        version: subject.version,
        'oscal-version': OSCAL_VERSION,
        remarks: `Generated from ${subject.templatePath} (SHA-256 ${subject.templateSha256}); last-modified is the date the mappings were last reviewed.`,
      },
      components: [{
        uuid: nameUuid(`component/${subject.version}`),
        type: 'software',
        title: `Automation Workspace CloudFormation template ${subject.version}`,
        description: subject.template.Description ?? 'The workspace CloudFormation template.',
        props: [prop('template-sha256', subject.templateSha256)],
        'control-implementations': results.frameworks.map((framework) => ({
          uuid: nameUuid(`control-implementation/${subject.version}/${framework.framework}`),
          source: `compliance/catalogs/${framework.framework}.yaml`,
          description: `${framework.catalog.title} (${framework.catalog.source}), mapping reviewed ${framework.mapping.reviewed}.`,
          'implemented-requirements': framework.controls.map((c) => ({
            uuid: nameUuid(`implemented-requirement/${subject.version}/${framework.framework}/${c.control.id}`),
            'control-id': oscalControlId(framework.framework, c.control.id),
            description: markedParagraph(statementsHoldingIn(c.mapping.implementation, subject.version)),
            props: [
              prop('label', c.control.id),
              prop('responsibility', c.mapping.responsibility),
              prop('implementation-status', c.status),
              ...c.checks.map((check) => ({ ...prop('automated-check', check.check), remarks: isFinding(check) ? 'fail' : check.status })),
              ...c.toolRules.map((rule) => ({ ...prop('tool-rule', rule.rule), remarks: rule.findings.length ? `fail: ${rule.findings.join(', ')}` : 'pass' })),
            ],
            ...dutiesRemarks(c, subject.version),
          })),
        })),
      }],
    },
  };
}
