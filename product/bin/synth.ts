import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { assertReleasedTemplateUnchanged } from '../release/immutable-release';
import { ReleasedVersion } from '../release/released-versions';
import { buildRelease, WORKSPACE_VERSION } from './app';

const REPOSITORY = join(__dirname, '../..');
/** The portfolio template: regenerated on every synth, it offers every released version. */
export const PORTFOLIO_TEMPLATE = join(REPOSITORY, 'templates/catalog/portfolio.template.json');

/** Where the template of a workspace version lives (released, or under development). */
export function templatePath(version: string): string {
  return join(REPOSITORY, 'templates/workspace', version, 'workspace.template.json');
}

/** The synthesized templates, as formatted JSON text. */
export interface SynthesizedTemplates {
  readonly workspace: string;
  /** Absent before the first release. */
  readonly portfolio?: string;
}

const formatted = (file: string) => `${JSON.stringify(JSON.parse(readFileSync(file, 'utf8')), undefined, 2)}\n`;

/** Synthesizes the workspace template of `version` and the portfolio of the released versions. */
export function synthesize(version = WORKSPACE_VERSION, released?: ReleasedVersion[]): SynthesizedTemplates {
  const outdir = mkdtempSync(join(tmpdir(), 'workspace-synth-'));
  try {
    const { app, workspace, catalog } = buildRelease({ outdir, version, released });
    app.synth();
    return {
      workspace: formatted(join(outdir, workspace.templateFile)),
      portfolio: catalog && formatted(join(outdir, catalog.templateFile)),
    };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** Synthesizes the workspace product template alone (no portfolio) and returns it as formatted JSON text. */
export function synthesizeWorkspace(version = WORKSPACE_VERSION): string {
  return synthesize(version, []).workspace;
}

/**
 * Writes the templates of `version`: the workspace template (refused, naming the first differing path,
 * when `version` is released and its template would change) and the portfolio template.
 */
export function writeTemplates(version = WORKSPACE_VERSION): string[] {
  const templates = synthesize(version);
  assertReleasedTemplateUnchanged(version, templates.workspace);
  const written: [string, string][] = [[templatePath(version), templates.workspace]];
  if (templates.portfolio) written.push([PORTFOLIO_TEMPLATE, templates.portfolio]);
  for (const [path, text] of written) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
  return written.map(([path]) => relative(REPOSITORY, path));
}

if (require.main === module) {
  try {
    for (const path of writeTemplates()) console.log(`synth: wrote ${path}`);
  } catch (error) {
    console.error(`synth: ${(error as Error).message}`);
    process.exit(1);
  }
}
