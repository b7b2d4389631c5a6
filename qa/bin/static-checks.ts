import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { WORKSPACE_VERSION } from '../../product/versions/workspace-version';
import { PORTFOLIO_TEMPLATE, templatePath } from '../../product/versions/template-files';
import { checkStatically } from '../policy/static-checks';

/**
 * Checks the templates that can still change with the real cfn-lint (the Regions and Marketplace
 * rules of .cfnlintrc), cfn-guard's AWS Control Tower rules, checkov (skips in qa/policy/checkov-skips.ts)
 * and parliament on every identity and resource policy (skips in qa/policy/parliament-skips.ts): the workspace
 * version under development and the portfolio. Released versions passed the checks of their day when
 * they were released (npm run release) and never change, so checkov and parliament, added after 1.2.0,
 * do not run on 1.0.0-1.2.0. Exits 1 on any finding of any tool.
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
  console.error(`static-checks: ${findings.length} finding(s); fix them, or accept one with the reason (on its resource; checkov's in qa/policy/checkov-skips.ts, parliament's in qa/policy/parliament-skips.ts)`);
  process.exit(1);
}
console.log(`static-checks: ${templates.join(', ')} pass cfn-lint (with the Marketplace rules), the AWS Control Tower proactive controls, checkov and parliament`);
