import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { checkTemplate } from './cfn-guard';
import { checkovFindings } from './checkov';
import { parliamentStaticFindings } from './parliament';
import type { StaticFinding } from './static-finding';

/** The cfn-lint of the project's virtual environment; its configuration is the repository's .cfnlintrc. */
export const CFN_LINT = join(__dirname, '../.venv/cfn-lint/bin/cfn-lint');
const REPOSITORY = join(__dirname, '../..');

interface CfnLintMatch {
  Filename: string;
  Level: string;
  Message: string;
  Rule: { Id: string };
  Location: { Path: (string | number)[] | null };
}

/** A rule a resource suppresses (`Metadata.cfn-lint.config.ignore_checks`). */
interface Suppression {
  readonly resource: string;
  readonly rule: string;
}

/**
 * cfn-lint errors and warnings (with the Marketplace rules) for the given template files, and every
 * per-resource suppression that suppresses nothing. cfn-lint has no report of ignores that match
 * nothing, so it lints copies without the suppressions, once, and they are applied here instead.
 */
export function lint(templates: string[]): StaticFinding[] {
  const directory = mkdtempSync(join(tmpdir(), 'cfn-lint-'));
  try {
    const copies = templates.map((template, index) => withoutSuppressions(template, join(directory, `${index}-${basename(template)}`)));
    const reported = runCfnLint(copies.map(({ copy }) => copy));
    return copies.flatMap(({ copy, suppressions }, index) => {
      const found = reported.filter((finding) => finding.template === copy).map((finding) => ({ ...finding, template: templates[index] }));
      const covers = (suppression: Suppression, finding: StaticFinding) => finding.rule === suppression.rule && finding.subject === suppression.resource;
      const unused = suppressions.filter((suppression) => !found.some((finding) => covers(suppression, finding)));
      return [
        ...found.filter((finding) => !suppressions.some((suppression) => covers(suppression, finding))),
        ...unused.map(({ resource, rule }): StaticFinding => ({ tool: 'cfn-lint', template: templates[index], rule, subject: resource,
          message: 'suppressed on this resource, but cfn-lint does not report it here; drop the suppression' })),
      ];
    });
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/** Writes `template` to `copy` without its resources' cfn-lint suppressions, and returns them. */
function withoutSuppressions(template: string, copy: string): { copy: string; suppressions: Suppression[] } {
  const body = JSON.parse(readFileSync(resolve(REPOSITORY, template), 'utf8'));
  const suppressions = Object.entries<{ Metadata?: Record<string, any> }>(body.Resources ?? {}).flatMap(([resource, { Metadata }]) => {
    const rules: string[] = Metadata?.['cfn-lint']?.config?.ignore_checks ?? [];
    delete Metadata?.['cfn-lint'];
    return rules.map((rule) => ({ resource, rule }));
  });
  writeFileSync(copy, JSON.stringify(body));
  return { copy, suppressions };
}

function runCfnLint(templates: string[]): StaticFinding[] {
  let output: string;
  try {
    output = execFileSync(CFN_LINT, ['--format', 'json', '--', ...templates], { cwd: REPOSITORY, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const failed = error as { status?: number; stdout?: string; stderr?: string };
    // cfn-lint's exit code is a bit mask of the finding levels; anything else is the tool failing.
    if (typeof failed.status !== 'number' || failed.status > 15 || !failed.stdout) {
      throw new Error(`cfn-lint (${CFN_LINT}) did not run: ${failed.stderr || error}; npm ci installs it (qa/bin/install-python-tools)`);
    }
    output = failed.stdout;
  }
  return (JSON.parse(output) as CfnLintMatch[])
    .filter((match) => match.Level !== 'Informational')
    .map((match) => {
      const path = match.Location.Path ?? [];
      const subject = ['Resources', 'Parameters'].includes(String(path[0])) ? String(path[1]) : undefined;
      return { tool: 'cfn-lint', template: match.Filename, rule: match.Rule.Id, subject, message: match.Message };
    });
}

/** cfn-guard findings (AWS Control Tower proactive controls) for one template file. */
export function guard(template: string): StaticFinding[] {
  return checkTemplate(template).map((finding) => ({
    tool: 'cfn-guard', template, rule: finding.rule, subject: finding.resource, message: finding.description.split('\n')[0],
  }));
}

/** Every static check that runs on template files: cfn-lint with the Marketplace rules, cfn-guard, checkov, then parliament on the IAM policies. */
export function checkStatically(templates: string[]): StaticFinding[] {
  return [...lint(templates), ...templates.flatMap(guard), ...checkovFindings(templates), ...parliamentStaticFindings(templates)];
}
