import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { checkTemplate } from '../policy/cfn-guard';

/** Checks every committed template with cfn-guard's Control Tower rules; exits 1 on any finding. */
const templates = readdirSync('templates', { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.template.json')).map((file) => join('templates', file)).sort();
if (templates.length === 0) {
  console.error('cfn-guard-templates: no templates under templates/; run npm run synth first');
  process.exit(1);
}
let failed = false;
for (const template of templates) {
  const findings = checkTemplate(template);
  for (const finding of findings) {
    console.error(`${template}: ${finding.resource}: ${finding.rule}: ${finding.description.split('\n')[0]}${finding.fix ? `\n  fix: ${finding.fix.split('\n')[0]}` : ''}`);
  }
  failed ||= findings.length > 0;
}
if (failed) process.exit(1);
console.log(`cfn-guard-templates: ${templates.length} template(s) pass the AWS Control Tower proactive controls`);
