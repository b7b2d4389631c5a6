import { join, relative } from 'node:path';
import { isEvidenceFrozen, REPORTS_DIR } from '../report/evidence';
import { validateOscal, writeComplianceReports } from '../report/write-reports';
import { workspaceVersions } from '../../product/versions/released-versions';

/**
 * `npm run compliance`: regenerates the reports of the versions not yet released (the one under
 * development) and validates their OSCAL files. Released versions' evidence is frozen and left alone.
 */
function main(): void {
  const [frozen, open] = [workspaceVersions().filter(isEvidenceFrozen), workspaceVersions().filter((version) => !isEvidenceFrozen(version))];
  for (const version of open) {
    const written = writeComplianceReports(version);
    validateOscal([join(REPORTS_DIR, version, 'component-definition.json')]);
    console.log(`compliance: ${version}: wrote ${written.map((path) => relative(process.cwd(), path)).join(', ')}; OSCAL valid`);
  }
  if (frozen.length > 0) console.log(`compliance: ${frozen.join(', ')} released; their evidence is frozen`);
}

main();
