import { CfnResource, Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/** The metadata keys under which each exception's reason is written next to the tool's own setting. */
export const LINT_REASONS_KEY = 'LintExceptionReasons';
export const GUARD_REASONS_KEY = 'GuardExceptionReasons';

function addReasons(resource: CfnResource, key: string, rules: string[], reason: string): void {
  const reasons = resource.getMetadata(key) ?? {};
  for (const rule of rules) reasons[rule] = reason;
  resource.addMetadata(key, reasons);
}

/**
 * Lets cfn-lint skip `rules` on one resource, and writes the reason beside the setting in the template,
 * so every exception is visible (and tested to have a reason) where it applies.
 */
export function acceptLintFindings(resource: CfnResource, rules: string[], reason: string): void {
  const existing = resource.getMetadata('cfn-lint')?.config?.ignore_checks ?? [];
  resource.addMetadata('cfn-lint', { config: { ignore_checks: [...new Set([...existing, ...rules])] } });
  addReasons(resource, LINT_REASONS_KEY, rules, reason);
}

/**
 * Lets the cfn-guard run (qa/policy) pass `rules` on one resource, in cfn-guard's own convention
 * (`Metadata.guard.SuppressedRules`), with the reason beside it.
 */
export function acceptGuardFindings(resource: CfnResource, rules: string[], reason: string): void {
  const existing = resource.getMetadata('guard')?.SuppressedRules ?? [];
  resource.addMetadata('guard', { SuppressedRules: [...new Set([...existing, ...rules])] });
  addReasons(resource, GUARD_REASONS_KEY, rules, reason);
}

/**
 * Accepts a cdk-nag finding (`AwsSolutions-…` or `HIPAA.Security-…`, optionally with its `[finding]`)
 * on a construct and everything under it. The reason must explain why the rule does not apply here.
 */
export function acceptNagFinding(scope: IConstruct, ruleId: string, reason: string): void {
  Validations.of(scope).acknowledge({ id: ruleId, reason });
}
