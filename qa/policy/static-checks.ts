import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { checkTemplate } from './cfn-guard';

/** The cfn-lint of the project's virtual environment; its configuration is the repository's .cfnlintrc. */
export const CFN_LINT = join(__dirname, '../.venv/cfn-lint/bin/cfn-lint');
const REPOSITORY = join(__dirname, '../..');

/** One problem a static check found in a template. */
export interface StaticFinding {
  readonly tool: 'cfn-lint' | 'cfn-guard';
  readonly template: string;
  readonly rule: string;
  /** The logical ID of the resource or parameter at fault, when the finding names one. */
  readonly subject?: string;
  readonly message: string;
}

interface CfnLintMatch {
  Filename: string;
  Level: string;
  Message: string;
  Rule: { Id: string };
  Location: { Path: (string | number)[] | null };
}

/** cfn-lint errors and warnings (with the Marketplace rules) for the given template files. */
export function lint(templates: string[]): StaticFinding[] {
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

/** Every static check that runs on template files: cfn-lint with the Marketplace rules, then cfn-guard. */
export function checkStatically(templates: string[]): StaticFinding[] {
  return [...lint(templates), ...templates.flatMap(guard)];
}
