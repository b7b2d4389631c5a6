import { CfnResource } from 'aws-cdk-lib';

/** The metadata key under which each exception's reason is written next to cfn-lint's own setting. */
export const LINT_REASONS_KEY = 'LintExceptionReasons';

/**
 * Lets cfn-lint skip `rules` on one resource, and writes the reason beside the setting in the template,
 * so every exception is visible (and tested to have a reason) where it applies.
 */
export function acceptLintFindings(resource: CfnResource, rules: string[], reason: string): void {
  const existing = resource.getMetadata('cfn-lint')?.config?.ignore_checks ?? [];
  resource.addMetadata('cfn-lint', { config: { ignore_checks: [...new Set([...existing, ...rules])] } });
  const reasons = resource.getMetadata(LINT_REASONS_KEY) ?? {};
  for (const rule of rules) reasons[rule] = reason;
  resource.addMetadata(LINT_REASONS_KEY, reasons);
}
