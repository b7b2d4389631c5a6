import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WorkspaceTemplate } from '../lib/template';
import { templateFile } from '../report/write-reports';
import { workspaceVersions } from '../../product/versions/released-versions';

/** Every committed workspace template, by version. */
export const TEMPLATES: ReadonlyMap<string, WorkspaceTemplate> = new Map(workspaceVersions()
  .map((version) => [version, JSON.parse(readFileSync(join(__dirname, '../..', templateFile(version)), 'utf8'))]));

/** A fresh, independent copy of a template, to change in a test. */
export function copyOf(template: WorkspaceTemplate): Record<string, any> {
  return structuredClone(template) as Record<string, any>;
}
