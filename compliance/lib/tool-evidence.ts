import { App, Stack } from 'aws-cdk-lib';
import { CfnInclude } from 'aws-cdk-lib/cloudformation-include';
import { AwsSolutionsChecks, HIPAASecurityChecks } from 'cdk-nag';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, parse } from 'node:path';
import { checkTemplate } from '../../qa/policy/cfn-guard';
import { CloudFormationTemplate } from '../../product/cloudformation';

/**
 * Findings of the project's existing policy tools on one template, for the rules the mappings cite:
 * cdk-nag (`HIPAA.Security-…`, `AwsSolutions-…`) and AWS Control Tower proactive controls run by cfn-guard
 * (`CT.<SERVICE>.PR.<n>`). A cited rule with no finding passes; each finding names the resource.
 */
export type ToolFindings = ReadonlyMap<string, readonly string[]>;

/** The tool that evaluates a cited rule. */
export function toolOf(rule: string): 'cdk-nag' | 'cfn-guard' {
  return rule.startsWith('CT.') ? 'cfn-guard' : 'cdk-nag';
}

const NAG_PACKS = { 'HIPAA.Security': 'hipaa-security', AwsSolutions: 'aws-solutions' } as const;
const GUARD_RULES = join(dirname(require.resolve('@cdklabs/cdk-validator-cfnguard/package.json')), 'rules/control-tower/cfn-guard');

function guardRuleFiles(directory = GUARD_RULES): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    return statSync(path).isDirectory() ? guardRuleFiles(path) : [path];
  });
}

/** Control Tower ID (CT.DYNAMODB.PR.1) of a rule file (ct-dynamodb-pr-1.guard). */
const controlTowerId = (file: string) => parse(file).name.toUpperCase().replace(/-/g, '.');

/** Every rule ID the mappings may cite: the cdk-nag rules of both packs and every Control Tower rule file. */
export function knownToolRules(): Set<string> {
  const nag = Object.entries(NAG_PACKS).flatMap(([prefix, file]) => {
    const source = readFileSync(require.resolve(`cdk-nag/lib/packs/${file}`), 'utf8');
    // A rule's ID is its suffix override where the pack gives one (AwsSolutions-DDB3), else its name.
    const overrides = [...source.matchAll(/ruleSuffixOverride: '(\w+)'/g)].map((m) => m[1]);
    const names = overrides.length > 0 ? overrides : [...source.matchAll(/rule: \w+\.(\w+),/g)].map((m) => m[1]);
    return names.map((name) => `${prefix}-${name}`);
  });
  return new Set([...nag, ...guardRuleFiles().map(controlTowerId)]);
}

function nagFindings(templateFile: string, cited: Set<string>): [string, string][] {
  const stack = new Stack(new App(), 'Evidence');
  new CfnInclude(stack, 'Template', { templateFile });
  return [new HIPAASecurityChecks(), new AwsSolutionsChecks()].flatMap((pack) => pack.validateScope(stack).violations
    .filter((violation) => cited.has(violation.ruleName.replace(/\[.*$/, '')))
    .flatMap((violation) => violation.violatingResources
      .map((resource): [string, string] => [violation.ruleName.replace(/\[.*$/, ''), resource.constructPath?.split('/').pop() ?? '?'])));
}

function guardFindings(templateFile: string, cited: Set<string>): [string, string][] {
  const files = guardRuleFiles().filter((file) => cited.has(controlTowerId(file)));
  if (files.length === 0) return [];
  const ruleOwner = new Map(files.flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/^rule (\w+) when/gm)]
    .map((m): [string, string] => [m[1], controlTowerId(file)])));
  return checkTemplate(templateFile, { ruleFiles: files })
    .map((finding): [string, string] => [ruleOwner.get(finding.rule) ?? finding.rule, finding.resource]);
}

/** Runs cdk-nag (through CfnInclude of the exact template) and cfn-guard for the cited rules. */
export function toolFindings(template: CloudFormationTemplate, rules: Iterable<string>): ToolFindings {
  const cited = new Set(rules);
  const workdir = mkdtempSync(join(tmpdir(), 'compliance-evidence-'));
  try {
    const templateFile = join(workdir, 'template.json');
    writeFileSync(templateFile, JSON.stringify(template));
    const findings = new Map<string, string[]>([...cited].map((rule) => [rule, []]));
    const nagCited = new Set([...cited].filter((rule) => toolOf(rule) === 'cdk-nag'));
    const guardCited = new Set([...cited].filter((rule) => toolOf(rule) === 'cfn-guard'));
    const all = [...(nagCited.size ? nagFindings(templateFile, nagCited) : []), ...guardFindings(templateFile, guardCited)];
    for (const [rule, resource] of all) {
      if (!findings.get(rule)!.includes(resource)) findings.get(rule)!.push(resource);
    }
    return findings;
  } finally {
    rmSync(workdir, { recursive: true, force: true });
  }
}
