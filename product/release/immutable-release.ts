import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { firstDifference } from './first-difference';
import { isReleased, TEMPLATE_FILE, versionDirectory } from './released-versions';

/**
 * Fails when `template` (freshly synthesized as `version`) differs from that version's released
 * template, naming the version and the first differing JSON path. Unreleased versions pass.
 */
export function assertReleasedTemplateUnchanged(version: string, template: string): void {
  const released = join(versionDirectory(version), TEMPLATE_FILE);
  if (!isReleased(version) || !existsSync(released)) return;
  const path = firstDifference(JSON.parse(readFileSync(released, 'utf8')), JSON.parse(template));
  if (path) {
    throw new Error(`workspace ${version} is released and immutable, but its template would change at ${path}. `
      + 'Develop the change as the next version: set package.json "version" to it (npm version minor --no-git-tag-version), then npm run synth.');
  }
}
