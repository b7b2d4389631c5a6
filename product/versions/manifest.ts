import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { ImagesRecord } from '../images/image-record';
import { MANIFEST_FILE } from './released-versions';

/** What a release's `manifest.json` records: the sha256 of every other file of its bundle. */
export interface ReleaseManifest {
  readonly product: 'workspace';
  readonly version: string;
  /** Bundle-relative path (`functions/api-handler.zip`) to hex sha256, sorted by path. */
  readonly files: Record<string, string>;
  /** The version's container images by name (from 1.3.0 on): where they are pushed and their digests. */
  readonly images?: Record<string, { readonly repository: string; readonly tag: string; readonly digest: string }>;
}

export function sha256(content: Uint8Array | string): string {
  return createHash('sha256').update(content).digest('hex');
}

/** The manifest of a bundle given as path to content, with the digests of the version's images. */
export function manifestOf(version: string, files: Map<string, Uint8Array | string>, images?: ImagesRecord): ReleaseManifest {
  const sorted = [...files.keys()].filter((path) => path !== MANIFEST_FILE).sort();
  return {
    product: 'workspace', version, files: Object.fromEntries(sorted.map((path) => [path, sha256(files.get(path)!)])),
    images: images && Object.fromEntries(Object.entries(images.images).map(([name, { repository, tag, digest }]) => [name, { repository, tag, digest }])),
  };
}

/** Every file under `directory`, as bundle-relative paths with `/` separators. */
export function bundleFiles(directory: string): string[] {
  return readdirSync(directory, { recursive: true, encoding: 'utf8' })
    .filter((path) => statSync(join(directory, path)).isFile())
    .map((path) => path.split(sep).join('/'))
    .sort();
}

export function readManifest(directory: string): ReleaseManifest {
  const path = join(directory, MANIFEST_FILE);
  if (!existsSync(path)) throw new Error(`${path} does not exist: that version has not been released`);
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** Problems of a bundle directory against its manifest: changed, missing and unlisted files. */
export function verifyBundle(directory: string): string[] {
  const manifest = readManifest(directory);
  const problems: string[] = [];
  for (const [path, expected] of Object.entries(manifest.files)) {
    const file = join(directory, path);
    if (!existsSync(file)) problems.push(`${path} is missing`);
    else if (sha256(readFileSync(file)) !== expected) problems.push(`${path} has changed since release (sha256 differs from ${relative(process.cwd(), join(directory, MANIFEST_FILE))})`);
  }
  for (const path of bundleFiles(directory)) {
    if (path !== MANIFEST_FILE && !(path in manifest.files)) problems.push(`${path} is not part of the release`);
  }
  return problems;
}
