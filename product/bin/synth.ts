import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildRelease, WORKSPACE_VERSION } from './app';

/** Where the committed template of a workspace version lives. */
export function templatePath(version: string): string {
  return join(__dirname, '../../templates/workspace', version, 'workspace.template.json');
}

/** Synthesizes the workspace product template and returns it as formatted JSON text. */
export function synthesizeWorkspace(version = WORKSPACE_VERSION): string {
  const outdir = mkdtempSync(join(tmpdir(), 'workspace-synth-'));
  try {
    const { app, workspace } = buildRelease({ outdir, version });
    app.synth();
    const template = JSON.parse(readFileSync(join(outdir, workspace.templateFile), 'utf8'));
    return `${JSON.stringify(template, undefined, 2)}\n`;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const target = templatePath(WORKSPACE_VERSION);
  mkdirSync(join(target, '..'), { recursive: true });
  writeFileSync(target, synthesizeWorkspace());
  console.log(`synth: wrote ${target.slice(join(__dirname, '../..').length + 1)}`);
}
