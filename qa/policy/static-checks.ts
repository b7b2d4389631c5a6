import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { checkTemplate } from './cfn-guard';
import { checkovFindings } from './checkov';
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

/**
 * cfn-lint errors and warnings (with the Marketplace rules) for the given template files, and every
 * per-resource suppression (`Metadata.cfn-lint.config.ignore_checks`) that suppresses nothing.
 */
export function lint(templates: string[]): StaticFinding[] {
  return [...runCfnLint(templates), ...unusedSuppressions(templates)];
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

/**
 * cfn-lint has no report of ignores that match nothing, so each template with suppressions is linted
 * again without them: a suppressed rule that cfn-lint does not then report on its resource is a finding.
 */
function unusedSuppressions(templates: string[]): StaticFinding[] {
  const directory = mkdtempSync(join(tmpdir(), 'cfn-lint-suppressions-'));
  try {
    return templates.flatMap((template) => {
      const body = JSON.parse(readFileSync(resolve(REPOSITORY, template), 'utf8'));
      const suppressions = Object.entries<{ Metadata?: Record<string, any> }>(body.Resources ?? {}).flatMap(([id, resource]) => {
        const rules: string[] = resource.Metadata?.['cfn-lint']?.config?.ignore_checks ?? [];
        delete resource.Metadata?.['cfn-lint'];
        return rules.map((rule) => ({ id, rule }));
      });
      if (suppressions.length === 0) return [];
      const unsuppressed = join(directory, basename(template));
      writeFileSync(unsuppressed, JSON.stringify(body));
      const reported = runCfnLint([unsuppressed]);
      return suppressions.filter(({ id, rule }) => !reported.some((finding) => finding.rule === rule && finding.subject === id))
        .map(({ id, rule }): StaticFinding => ({ tool: 'cfn-lint', template, rule, subject: id,
          message: 'suppressed on this resource, but cfn-lint does not report it here; drop the suppression' }));
    });
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/** cfn-guard findings (AWS Control Tower proactive controls) for one template file. */
export function guard(template: string): StaticFinding[] {
  return checkTemplate(template).map((finding) => ({
    tool: 'cfn-guard', template, rule: finding.rule, subject: finding.resource, message: finding.description.split('\n')[0],
  }));
}

/** Every static check that runs on template files: cfn-lint with the Marketplace rules, cfn-guard, then checkov. */
export function checkStatically(templates: string[]): StaticFinding[] {
  return [...lint(templates), ...templates.flatMap(guard), ...checkovFindings(templates)];
}
