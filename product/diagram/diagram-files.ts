import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { renderArchitectureDiagram } from './index';
import { isReleased, MANIFEST_FILE, versionDirectory, workspaceVersions } from '../versions/released-versions';
import { WORKSPACE_VERSION } from '../versions/workspace-version';
import { templatePath } from '../versions/template-files';

const repositoryRoot = join(__dirname, '../..');

/** Where a version's diagram files live: next to its template. */
export function diagramPaths(version: string): { svg: string; png: string } {
  const base = join(versionDirectory(version), 'architecture-diagram');
  return { svg: `${base}.svg`, png: `${base}.png` };
}

/**
 * Renders the diagram of one version's committed template and writes the SVG and PNG beside it. A
 * released version is refused: its diagram is part of its immutable bundle (listed in its manifest).
 */
export async function writeDiagram(version: string): Promise<string[]> {
  if (isReleased(version)) {
    throw new Error(`diagram: version '${version}' is released; its diagram is part of the immutable bundle (templates/workspace/${version}/${MANIFEST_FILE}) and is never redrawn. Draw the version under development instead: npm run diagram -- ${WORKSPACE_VERSION}`);
  }
  const templateFile = templatePath(version);
  if (!existsSync(templateFile)) {
    throw new Error(`diagram: no template for version '${version}' (expected ${relative(repositoryRoot, templateFile)}); versions with a template: ${workspaceVersions().join(', ')}`);
  }
  const { svg, png } = await renderArchitectureDiagram(JSON.parse(readFileSync(templateFile, 'utf8')));
  const paths = diagramPaths(version);
  writeFileSync(paths.svg, svg);
  writeFileSync(paths.png, png);
  return [paths.svg, paths.png].map((path) => relative(repositoryRoot, path));
}
