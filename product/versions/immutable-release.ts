import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { firstDifference } from './first-difference';
import { ImagesRecord, IMAGES_FILE, readImagesRecord } from '../images/image-record';
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

/**
 * Fails when freshly built images of a released `version` have other digests than the ones it
 * released (templates/workspace/<version>/images.json), naming each image and both digests. A version's
 * images never change: a change is released as the next version.
 */
export function assertReleasedImagesUnchanged(version: string, record: ImagesRecord): void {
  const released = isReleased(version) ? readImagesRecord(version) : undefined;
  if (!released) return;
  const changed = Object.entries(record.images)
    .filter(([name, image]) => released.images[name]?.digest !== image.digest)
    .map(([name, image]) => `${name} ${released.images[name]?.digest ?? '(none)'} -> ${image.digest}`);
  if (changed.length > 0) {
    throw new Error(`workspace ${version} is released and immutable, but its images would change (${changed.join(', ')}; ${IMAGES_FILE}). `
      + 'Develop the change as the next version: set package.json "version" to it (npm version minor --no-git-tag-version), then npm run synth.');
  }
}
