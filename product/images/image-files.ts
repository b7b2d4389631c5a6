import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { BuiltImage } from './build-images';
import { ImagesRecord, imagesRecordPath } from './image-record';

const REPOSITORY = join(__dirname, '../..');
/** Where the OCI archives are written: too large to commit, and rebuilt to the same digest on demand. */
export const ARCHIVES = join(REPOSITORY, 'build/images');

/** The OCI archive of one image of a version (`build/images/<version>/<name>.oci.tar`). */
export function archivePath(version: string, name: string): string {
  return join(ARCHIVES, version, `${name}.oci.tar`);
}

/** The text of images.json as it is committed. */
export function imagesRecordText(record: ImagesRecord): string {
  return `${JSON.stringify(record, undefined, 2)}\n`;
}

/**
 * Writes what a build gives: images.json and each SBOM into the version's directory (committed, read
 * by synth), and each OCI archive under build/images/. Returns the repository-relative paths.
 */
export function writeImageFiles(record: ImagesRecord, images: BuiltImage[]): string[] {
  const versionDirectory = dirname(imagesRecordPath(record.version));
  const files: [string, Buffer | string][] = [[imagesRecordPath(record.version), imagesRecordText(record)]];
  for (const image of images) {
    files.push([join(versionDirectory, image.record.sbom), image.sbom]);
    files.push([archivePath(record.version, image.name), image.archive]);
  }
  for (const [path, content] of files) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
  return files.map(([path]) => relative(REPOSITORY, path));
}
