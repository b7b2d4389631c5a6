/** What the release and other tooling use from compliance/: evaluation against a template, and the reports. */
export { evaluateCompliance, requireCompliance } from './lib/evaluate';
export type { ComplianceResults, ControlResult, ControlStatus, EvaluateOptions } from './lib/evaluate';
export { BUNDLE_EVIDENCE_FOLDER, evidenceDirectory, frozenEvidenceProblems, isEvidenceFrozen, REPORTS_DIR } from './report/evidence';
export { renderComplianceReports, validateOscal, writeComplianceReports } from './report/write-reports';
