import { join } from 'node:path';
import { TEMPLATE_FILE, versionDirectory } from './released-versions';

/** The portfolio template: regenerated on every synth, it offers every released version. */
export const PORTFOLIO_TEMPLATE = join(__dirname, '../../templates/catalog/portfolio.template.json');

/** Where the template of a workspace version lives (released, or under development). */
export function templatePath(version: string): string {
  return join(versionDirectory(version), TEMPLATE_FILE);
}
