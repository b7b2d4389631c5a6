import { spawnSync } from 'node:child_process';
import { basename, join, resolve } from 'node:path';
import { CHECKOV_SKIPS, CheckovSkip } from './checkov-skips';
import type { StaticFinding } from './static-finding';

/** The checkov of the project's virtual environment (qa/requirements/checkov.txt). */
export const CHECKOV = join(__dirname, '../.venv/checkov/bin/checkov');

/** One check checkov reports failed on one resource. */
export interface CheckovFailure {
  readonly template: string;
  readonly check: string;
  /** The resource's logical ID. */
  readonly resource: string;
  /** checkov's name of the check, which says what a passing resource has ("Ensure ..."). */
  readonly name: string;
}

interface CheckovReport {
  results: { failed_checks: { check_id: string; check_name: string; file_abs_path: string; resource: string }[] };
}

/**
 * Runs checkov's CloudFormation checks on the template files and returns every failed check, and every
 * check that crashed on a resource (checkov logs those and goes on; a check that cannot run is no pass).
 */
export function checkovFailures(templates: string[]): CheckovFailure[] {
  // --skip-download: the run uses only the checks in the pinned package, never the platform's.
  const args = ['--framework', 'cloudformation', '--output', 'json', '--quiet', '--compact', '--soft-fail', '--skip-download',
    ...templates.flatMap((template) => ['--file', template])];
  const run = spawnSync(CHECKOV, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, BC_API_KEY: '' } });
  if (run.status !== 0) {
    throw new Error(`checkov (${CHECKOV}) did not run: ${run.stderr || run.error}; npm ci installs it (qa/bin/install-python-tools)`);
  }
  const parsed = JSON.parse(run.stdout) as CheckovReport | CheckovReport[] | Record<string, never>;
  const reports = Array.isArray(parsed) ? parsed : 'results' in parsed ? [parsed] : [];
  const failed = reports.flatMap((report) => report.results.failed_checks)
    .map((check) => failure(templates, check.file_abs_path, check.check_id, check.resource, check.check_name));
  return [...failed, ...crashes(templates, run.stderr)];
}

function crashes(templates: string[], log: string): CheckovFailure[] {
  return [...log.matchAll(/Failed to run check (\S+) on (\S+?\.json):(\S+)\n[\s\S]*?\n(\w*Error: [^\n]*)/g)]
    .map(([, check, file, resource, error]) => failure(templates, file, check, resource, `checkov could not run the check (${error})`));
}

function failure(templates: string[], file: string, check: string, resource: string, name: string): CheckovFailure {
  // checkov names files from the working directory with a leading slash, and resources `<type>.<logical ID>`.
  const template = templates.find((path) => resolve(path) === resolve(file) || resolve(path) === resolve(`.${file}`)) ?? file;
  return { template, check, resource: resource.slice(resource.indexOf('.') + 1), name };
}

function covers(skip: CheckovSkip, failure: CheckovFailure): boolean {
  return skip.check === failure.check && skip.template === basename(failure.template)
    && (skip.resources === undefined || skip.resources.includes(failure.resource));
}

/**
 * checkov's failed checks that no skip covers, and the skips (per resource) that cover no failure, as
 * static findings. Released templates are not checked: they never change, and were released before
 * checkov joined the static checks.
 */
export function checkovFindings(templates: string[], skips: readonly CheckovSkip[] = CHECKOV_SKIPS): StaticFinding[] {
  const failures = checkovFailures(templates);
  const unskipped = failures.filter((failure) => !skips.some((skip) => covers(skip, failure))).map((failure): StaticFinding => ({
    tool: 'checkov', template: failure.template, rule: failure.check, subject: failure.resource,
    message: `${failure.name}: change the resource so, or skip the check on it in qa/policy/checkov-skips.ts with the reason`,
  }));
  return [...unskipped, ...unusedSkips(templates, failures, skips)];
}

function unusedSkips(templates: string[], failures: CheckovFailure[], skips: readonly CheckovSkip[]): StaticFinding[] {
  return templates.flatMap((template) => skips.filter((skip) => skip.template === basename(template)).flatMap((skip) => {
    const fails = (resource?: string) => failures.some((failure) => failure.template === template && failure.check === skip.check
      && (resource === undefined || failure.resource === resource));
    const unused = skip.resources ? skip.resources.filter((resource) => !fails(resource)) : fails() ? [] : [undefined];
    return unused.map((resource): StaticFinding => ({
      tool: 'checkov', template, rule: skip.check, subject: resource,
      message: 'skipped in qa/policy/checkov-skips.ts, but checkov no longer reports it here; drop the skip',
    }));
  }));
}
