import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { readFileSync } from 'node:fs';
import { DISABLED_GUARD_RULES } from './guard-exceptions';

/** One resource that fails one Control Tower rule. */
export interface GuardFinding {
  readonly rule: string;
  readonly resource: string;
  readonly description: string;
  readonly fix?: string;
}

/** Options of {@link checkTemplate}. */
export interface GuardOptions {
  /** Run only these Control Tower rule files (compliance evidence cites a few); @default - every rule not disabled */
  readonly ruleFiles?: readonly string[];
}

/**
 * Runs the real cfn-guard with the AWS Control Tower proactive controls bundled in
 * `@cdklabs/cdk-validator-cfnguard` on a template file. The plugin itself only sees the stacks of a CDK
 * assembly, not a Service Catalog product template, so it is called here on the file directly. Findings
 * on a resource that lists the rule in `Metadata.guard.SuppressedRules` are accepted (with the reason
 * beside them); rules in DISABLED_GUARD_RULES are off for every template.
 */
export function checkTemplate(templatePath: string, options: GuardOptions = {}): GuardFinding[] {
  const template = JSON.parse(readFileSync(templatePath, 'utf8'));
  const validator = options.ruleFiles
    ? new CfnGuardValidator({ controlTowerRulesEnabled: false, rules: [...options.ruleFiles] })
    : new CfnGuardValidator({ disabledRules: Object.keys(DISABLED_GUARD_RULES) });
  const report = validator.validate({ templatePaths: [templatePath] } as never);
  const findings: GuardFinding[] = [];
  for (const violation of report.violations) {
    for (const { resourceLogicalId } of violation.violatingResources) {
      const suppressed: string[] = template.Resources?.[resourceLogicalId]?.Metadata?.guard?.SuppressedRules ?? [];
      if (suppressed.includes(violation.ruleName)) continue;
      findings.push({ rule: violation.ruleName, resource: resourceLogicalId, description: violation.description ?? '', fix: violation.fix });
    }
  }
  return findings;
}
