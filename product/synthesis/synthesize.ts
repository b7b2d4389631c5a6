import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { buildImages } from '../images/build-images';
import { writeImageFiles } from '../images/image-files';
import { assertReleasedImagesUnchanged, assertReleasedTemplateUnchanged } from '../versions/immutable-release';
import { ReleasedVersion } from '../versions/released-versions';
import { PORTFOLIO_TEMPLATE, templatePath } from '../versions/template-files';
import { WORKSPACE_VERSION } from '../versions/workspace-version';
import { buildWorkspaceApp } from './workspace-app';

const REPOSITORY = join(__dirname, '../..');
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
    const { app, workspace, catalog } = buildWorkspaceApp({ outdir, version, released });
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

/**
 * Builds the images of `version` and writes their files (refused when `version` is released and a
 * digest would change), then the templates, whose image defaults are those digests.
 */
export async function writeRelease(version = WORKSPACE_VERSION, progress = console.log): Promise<string[]> {
  const { record, images } = await buildImages({ version, progress });
  assertReleasedImagesUnchanged(version, record);
  return [...writeImageFiles(record, images), ...writeTemplates(version)];
}

