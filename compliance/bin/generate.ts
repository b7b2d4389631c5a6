import { join, relative } from 'node:path';
import { REPORTS_DIR, validateOscal, writeComplianceReports } from '../report/write-reports';
import { workspaceVersions } from '../../product/versions/released-versions';

/** `npm run compliance`: regenerates the reports of every template version and validates their OSCAL files. */
function main(): void {
  for (const version of workspaceVersions()) {
    const written = writeComplianceReports(version);
    validateOscal([join(REPORTS_DIR, version, 'component-definition.json')]);
    console.log(`compliance: ${version}: wrote ${written.map((path) => relative(process.cwd(), path)).join(', ')}; OSCAL valid`);
  }
}

main();
