import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ShippedNpmPackage } from './sbom';

const REPOSITORY = join(__dirname, '../..');

/**
 * The npm packages behind a set of repository-relative files (an esbuild metafile's inputs, or files
 * copied into an image): each `node_modules/<package>` directory they are in, with its version and
 * licence from its package.json and its integrity from package-lock.json. Sorted by name and version.
 */
export function npmPackagesOf(files: string[], lockfile = join(REPOSITORY, 'package-lock.json')): ShippedNpmPackage[] {
  const lock = JSON.parse(readFileSync(lockfile, 'utf8')) as { packages: Record<string, { integrity?: string }> };
  const directories = new Set<string>();
  for (const file of files) {
    const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(file);
    if (match) directories.add(match[1]);
  }
  return [...directories].map((directory) => {
    const manifest = JSON.parse(readFileSync(join(REPOSITORY, directory, 'package.json'), 'utf8')) as { name: string; version: string; license?: string };
    return { name: manifest.name, version: manifest.version, license: manifest.license, integrity: lock.packages[directory]?.integrity };
  })
    .filter((pkg, index, all) => all.findIndex((other) => other.name === pkg.name && other.version === pkg.version) === index)
    .sort((a, b) => (a.name === b.name ? a.version.localeCompare(b.version) : a.name < b.name ? -1 : 1));
}
