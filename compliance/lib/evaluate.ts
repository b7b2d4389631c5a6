import { CloudFormationTemplate } from '../../product/cloudformation';
import { CHECKS } from '../checks';
import { CheckOutcome, isFinding, runCheck } from './check';
import { Catalog, Control, FRAMEWORKS, FrameworkId, readCatalog } from './catalog';
import { ControlMapping, Mapping, readMapping } from './mapping';
import { toolFindings, toolOf } from './tool-evidence';

/** What the automated evidence says about one control. */
export type ControlStatus = 'compliant' | 'non-compliant' | 'not-applicable' | 'not-automated';

/** A cited cdk-nag or Control Tower rule and the resources it finds at fault (none: it passes). */
export interface ToolRuleResult {
  readonly rule: string;
  readonly tool: 'cdk-nag' | 'cfn-guard';
  readonly findings: readonly string[];
}

/** One control, its mapping and the results of its evidence on the template. */
export interface ControlResult {
  readonly control: Control;
  readonly mapping: ControlMapping;
  readonly status: ControlStatus;
  readonly checks: readonly CheckOutcome[];
  readonly toolRules: readonly ToolRuleResult[];
}

/** One framework's catalog, mapping and control results. */
export interface FrameworkResult {
  readonly framework: FrameworkId;
  readonly catalog: Catalog;
  readonly mapping: Mapping;
  readonly controls: readonly ControlResult[];
}

/** Everything the reports are made of. */
export interface ComplianceResults {
  readonly frameworks: readonly FrameworkResult[];
  /** Every check's outcome, by check ID order. */
  readonly checks: readonly CheckOutcome[];
  /** Controls the product is (fully or partly) responsible for whose evidence fails. */
  readonly failures: readonly ControlResult[];
}

/** Options of {@link evaluateCompliance}. */
export interface EvaluateOptions {
  /** Also run the cited cdk-nag and Control Tower rules (about a second). @default true */
  readonly tools?: boolean;
}

function statusOf(checks: CheckOutcome[], toolRules: ToolRuleResult[]): ControlStatus {
  if (checks.length + toolRules.length === 0) return 'not-automated';
  if (checks.some(isFinding) || toolRules.some((rule) => rule.findings.length > 0)) return 'non-compliant';
  if (toolRules.length === 0 && checks.every((check) => check.status === 'not-applicable')) return 'not-applicable';
  return 'compliant';
}

/**
 * Evaluates every control of every framework against a synthesized workspace template: runs each check
 * once, the cited tool rules once, and combines them per control as its mapping says.
 */
export function evaluateCompliance(template: CloudFormationTemplate, options: EvaluateOptions = {}): ComplianceResults {
  const loaded = FRAMEWORKS.map((framework) => ({ framework, catalog: readCatalog(framework), mapping: readMapping(framework) }));
  const checks = [...CHECKS].sort((a, b) => a.id.localeCompare(b.id)).map((check) => runCheck(check, template));
  const outcome = new Map(checks.map((check) => [check.check, check]));
  const cited = new Set(loaded.flatMap(({ mapping }) => Object.values(mapping.controls).flatMap((m) => m.toolRules)));
  const tools = options.tools ?? true ? toolFindings(template, cited) : new Map<string, string[]>();
  const frameworks = loaded.map(({ framework, catalog, mapping }) => ({
    framework, catalog, mapping,
    controls: catalog.controls.map((control): ControlResult => {
      const controlMapping = mapping.controls[control.id];
      if (!controlMapping) throw new Error(`compliance/mappings/${framework}.yaml has no entry for ${control.id}`);
      const controlChecks = controlMapping.checks.map((id) => {
        const result = outcome.get(id);
        if (!result) throw new Error(`compliance/mappings/${framework}.yaml: ${control.id} cites check ${id}, which does not exist in compliance/checks`);
        return result;
      });
      const toolRules = (options.tools ?? true ? controlMapping.toolRules : [])
        .map((rule) => ({ rule, tool: toolOf(rule), findings: tools.get(rule) ?? [] }));
      return { control, mapping: controlMapping, status: statusOf(controlChecks, toolRules), checks: controlChecks, toolRules };
    }),
  }));
  const failures = frameworks.flatMap((f) => f.controls)
    .filter((c) => c.status === 'non-compliant' && ['product-implemented', 'shared'].includes(c.mapping.responsibility));
  return { frameworks, checks, failures };
}

/** Throws, naming each control, check and resource at fault, when any product-side control is non-compliant. */
export function requireCompliance(results: ComplianceResults): void {
  if (results.failures.length === 0) return;
  const lines = results.failures.map((failure) => {
    const checks = failure.checks.filter(isFinding).map((check) => `${check.check}: ${check.message}`);
    const rules = failure.toolRules.filter((rule) => rule.findings.length > 0).map((rule) => `${rule.rule}: ${rule.findings.join(', ')}`);
    return `- ${failure.control.id} ${failure.control.title} (${failure.mapping.responsibility}): ${[...checks, ...rules].join('; ')}`;
  });
  throw new Error(`the template fails ${results.failures.length} control(s) the product is responsible for:\n${lines.join('\n')}`);
}
