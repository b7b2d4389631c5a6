import { join } from 'node:path';
import { CloudFormationTemplate, readTemplate } from '../../product/cloudformation';
import { templateFile } from '../report/write-reports';
import { workspaceVersions } from '../../product/versions/released-versions';

/** Every committed workspace template, by version. */
export const TEMPLATES: ReadonlyMap<string, CloudFormationTemplate> = new Map(workspaceVersions()
  .map((version) => [version, readTemplate(join(__dirname, '../..', templateFile(version)))]));

/** A fresh, independent copy of a template, to change in a test. */
export function copyOf(template: CloudFormationTemplate): Record<string, any> {
  return structuredClone(template) as Record<string, any>;
}
