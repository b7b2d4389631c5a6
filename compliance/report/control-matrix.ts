import { isFinding } from '../lib/check';
import { ComplianceResults } from '../lib/evaluate';
import { statementsHoldingIn } from '../lib/statements';

const COLUMNS = ['framework', 'control', 'title', 'kind', 'requirement', 'responsibility', 'status', 'checks', 'tool_rules', 'customer_duties'];

/** A CSV field, quoted when it holds a comma, quote or line break (RFC 4180). */
function field(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The control matrix of one version as CSV: one row per control of every framework, with the customer duties of that version. */
export function controlMatrixCsv(version: string, results: ComplianceResults): string {
  const rows = results.frameworks.flatMap(({ framework, controls }) => controls.map((c) => [
    framework, c.control.id, c.control.title, c.control.kind, c.control.requirement, c.mapping.responsibility, c.status,
    c.checks.map((check) => `${check.check}=${isFinding(check) ? 'fail' : check.status}`).join('; '),
    c.toolRules.map((rule) => `${rule.rule}=${rule.findings.length ? `fail(${rule.findings.join(' ')})` : 'pass'}`).join('; '),
    statementsHoldingIn(c.mapping.customerDuties, version).map((duty) => duty.text).join(' '),
  ]));
  return [COLUMNS, ...rows].map((row) => row.map(field).join(',')).join('\r\n') + '\r\n';
}
