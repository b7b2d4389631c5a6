import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as semver from 'semver';
import { ChangelogEntry, changelogEntries } from './changelog';

/** Where every version of the workspace lives: `templates/workspace/<version>/`, also its S3 bundle. */
export const WORKSPACE_VERSIONS = join(__dirname, '../../templates/workspace');
/** The file that makes a version directory a release: the sha256 of every file of the bundle. */
export const MANIFEST_FILE = 'manifest.json';
export const TEMPLATE_FILE = 'workspace.template.json';

/** A released version: its bundle directory and its changelog entry. */
export interface ReleasedVersion extends ChangelogEntry {
  /** `templates/workspace/<version>/`. */
  readonly directory: string;
  /** The released workspace template, parsed. */
  template(): Record<string, any>;
}

/** The directory of one version's bundle (released or under development). */
export function versionDirectory(version: string): string {
  return join(WORKSPACE_VERSIONS, version);
}

/** Every version with a workspace template (released or under development), oldest first by semver. */
export function workspaceVersions(): string[] {
  if (!existsSync(WORKSPACE_VERSIONS)) return [];
  return readdirSync(WORKSPACE_VERSIONS)
    .filter((version) => semver.valid(version) && existsSync(join(versionDirectory(version), TEMPLATE_FILE)))
    .sort(semver.compare);
}

/** Whether `version` has been released: its bundle carries a manifest. */
export function isReleased(version: string): boolean {
  return existsSync(join(versionDirectory(version), MANIFEST_FILE));
}

/**
 * Every released version, oldest first. A version is released when its directory holds a manifest and
 * the changelog has its entry; one without the other is an error that names the missing half.
 */
export function releasedVersions(entries: ChangelogEntry[] = changelogEntries()): ReleasedVersion[] {
  const bundled = existsSync(WORKSPACE_VERSIONS) ? readdirSync(WORKSPACE_VERSIONS).filter(isReleased) : [];
  for (const version of bundled) {
    if (!entries.some((entry) => entry.version === version)) {
      throw new Error(`templates/workspace/${version} is released (it has ${MANIFEST_FILE}) but CHANGELOG.md has no "## [${version}]" entry`);
    }
  }
  for (const entry of entries) {
    if (!bundled.includes(entry.version)) {
      throw new Error(`CHANGELOG.md lists ${entry.version}, but templates/workspace/${entry.version}/${MANIFEST_FILE} does not exist`);
    }
  }
  return [...entries].sort((a, b) => semver.compare(a.version, b.version)).map((entry) => ({
    ...entry,
    directory: versionDirectory(entry.version),
    template: () => JSON.parse(readFileSync(join(versionDirectory(entry.version), TEMPLATE_FILE), 'utf8')),
  }));
}

/** The newest release, or undefined before the first. */
export function latestRelease(): ReleasedVersion | undefined {
  return releasedVersions().at(-1);
}
