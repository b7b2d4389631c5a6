import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WorkspaceTemplate } from '../lib/template';
import { templateFile, templateVersions } from '../report/write-reports';

/** Every committed workspace template, by version. */
export const TEMPLATES: ReadonlyMap<string, WorkspaceTemplate> = new Map(templateVersions()
  .map((version) => [version, JSON.parse(readFileSync(join(__dirname, '../..', templateFile(version)), 'utf8'))]));

/** A fresh, independent copy of a template, to change in a test. */
export function copyOf(template: WorkspaceTemplate): Record<string, any> {
  return structuredClone(template) as Record<string, any>;
}
