import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { WORKSPACE_VERSION } from '../../product/versions/workspace-version';
import { PORTFOLIO_TEMPLATE, templatePath } from '../../product/versions/template-files';
import { checkStatically } from '../policy/static-checks';

/**
 * Checks the templates that can still change with the real cfn-lint (the Regions and Marketplace
 * rules of .cfnlintrc) and cfn-guard's AWS Control Tower rules: the workspace version under
 * development and the portfolio. Released versions passed the same checks when they were released
 * (npm run release) and never change. Exits 1 on any error or warning of either tool.
 */
const templates = [templatePath(WORKSPACE_VERSION), PORTFOLIO_TEMPLATE].map((path) => relative(process.cwd(), path));
const missing = templates.filter((path) => !existsSync(path));
if (missing.length > 0) {
  console.error(`static-checks: ${missing.join(', ')} missing; run npm run synth first`);
  process.exit(1);
}
const findings = checkStatically(templates);
for (const finding of findings) {
  console.error(`${finding.template}: ${finding.tool} ${finding.rule}${finding.subject ? ` at ${finding.subject}` : ''}: ${finding.message}`);
}
if (findings.length > 0) {
  console.error(`static-checks: ${findings.length} finding(s); fix them, or accept one on its resource with the reason`);
  process.exit(1);
}
console.log(`static-checks: ${templates.join(', ')} pass cfn-lint (with the Marketplace rules) and the AWS Control Tower proactive controls`);
