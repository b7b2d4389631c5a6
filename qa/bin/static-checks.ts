import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { checkStatically } from '../policy/static-checks';

/**
 * Checks every committed template with the real cfn-lint (the Regions and Marketplace rules of
 * .cfnlintrc) and cfn-guard's AWS Control Tower rules; exits 1 on any error or warning of either.
 */
const templates = readdirSync('templates', { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.template.json')).map((file) => join('templates', file)).sort();
if (templates.length === 0) {
  console.error('static-checks: no templates under templates/; run npm run synth first');
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
console.log(`static-checks: ${templates.length} template(s) pass cfn-lint (with the Marketplace rules) and the AWS Control Tower proactive controls`);
