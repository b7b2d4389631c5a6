import { CloudFormationTemplate } from '../../product/cloudformation';

/** What a check concludes about the template. */
export type CheckStatus = 'compliant' | 'non-compliant' | 'not-applicable';

/** One property of one resource (or a template section) that a check looked at. */
export interface Evidence {
  /** The resource's logical ID, or the template section (such as `Rules.SupportedRegion`). */
  readonly resource: string;
  readonly property: string;
  readonly value: unknown;
  /** Whether this value satisfies the check. */
  readonly ok: boolean;
}

/** The result of a check on one template. */
export interface CheckResult {
  readonly status: CheckStatus;
  readonly evidence: readonly Evidence[];
  readonly message: string;
}

/** An automated check: a pure function of the synthesized template. The file name is its ID. */
export interface Check {
  readonly id: string;
  /** What a compliant template does, in one sentence. */
  readonly title: string;
  evaluate(template: CloudFormationTemplate): CheckResult;
}

/** A check's result on a template; `error` means the check threw, which counts as a finding. */
export interface CheckOutcome {
  readonly check: string;
  readonly status: CheckStatus | 'error';
  readonly evidence: readonly Evidence[];
  readonly message: string;
}

/** Whether an outcome is a finding (non-compliant, or the check could not decide). */
export function isFinding(outcome: { status: string }): boolean {
  return outcome.status === 'non-compliant' || outcome.status === 'error';
}

/** Runs a check; a check that throws yields an `error` outcome (a finding), never a pass. */
export function runCheck(check: Check, template: CloudFormationTemplate): CheckOutcome {
  try {
    return { check: check.id, ...check.evaluate(template) };
  } catch (error) {
    return { check: check.id, status: 'error', evidence: [], message: `the check failed: ${(error as Error).message}` };
  }
}

/**
 * The verdict over what a check looked at: not applicable when it found nothing to judge, compliant when
 * every value is acceptable, otherwise non-compliant, naming each value that is not.
 */
export function verdict(evidence: Evidence[], notApplicable: string): CheckResult {
  if (evidence.length === 0) return { status: 'not-applicable', evidence, message: notApplicable };
  const failing = evidence.filter((item) => !item.ok);
  if (failing.length === 0) return { status: 'compliant', evidence, message: `${evidence.length} value(s) checked, all acceptable` };
  const named = failing.map((item) => `${item.resource} ${item.property} = ${item.value === null ? 'absent' : JSON.stringify(item.value)}`);
  return { status: 'non-compliant', evidence, message: named.join('; ') };
}

/** Evidence about one property of one resource. */
export function observe(resource: string, property: string, value: unknown, ok: boolean): Evidence {
  return { resource, property, value: value ?? null, ok };
}
