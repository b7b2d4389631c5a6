import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const REPOSITORY = join(__dirname, '../..');
/** The folders whose imports are checked. */
export const CHECKED_FOLDERS = ['product', 'services', 'qa', 'compliance'];

/** An import that breaks one of qa/imports/import-rules.cjs. */
export interface ImportViolation {
  /** The rule's name, as in import-rules.cjs. */
  readonly rule: string;
  /** `from -> to`, or the whole circle for a circular import. */
  readonly path: string;
}

/** What dependency-cruiser found: each module with the modules it imports, and the violations. */
export interface ImportGraph {
  readonly modules: { source: string; dependencies: { resolved: string }[] }[];
  readonly violations: ImportViolation[];
}

/** Runs dependency-cruiser with the house rules over `folders` (repository-relative). */
export function importGraph(folders: string[] = CHECKED_FOLDERS): ImportGraph {
  const output = execFileSync(join(REPOSITORY, 'node_modules/.bin/depcruise'),
    ['--config', 'qa/imports/import-rules.cjs', '--output-type', 'json', ...folders],
    { cwd: REPOSITORY, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const { modules, summary } = JSON.parse(output);
  return {
    modules,
    violations: summary.violations.map((violation: any) => ({
      rule: violation.rule.name,
      path: violation.cycle
        ? [violation.from, ...violation.cycle.map((step: { name: string }) => step.name)].join(' -> ')
        : `${violation.from} -> ${violation.to}`,
    })),
  };
}
