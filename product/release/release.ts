import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import * as semver from 'semver';
import { PORTFOLIO_TEMPLATE } from '../versions/template-files';
import { synthesize } from '../synthesis/synthesize';
import { CHANGELOG, changelogEntries, recordRelease, unreleasedNotes, withReleasedEntry } from '../versions/changelog';
import { REPORTS_DIR } from '../../compliance';
import { ImagesRecord } from '../images/image-record';
import { manifestOf } from '../versions/manifest';
import { ReleaseContext, ReleaseStep } from './release-context';
import { isReleased, latestRelease, MANIFEST_FILE, releasedVersions, versionDirectory } from '../versions/released-versions';

/** Options of {@link release}. */
export interface ReleaseOptions {
  /** The version under development (package.json), which is the only one that can be released. */
  readonly developmentVersion: string;
  readonly steps: ReleaseStep[];
  /** Prints one progress line. @default console.log */
  readonly progress?: (line: string) => void;
  /** The release date in the changelog. @default - today (UTC) */
  readonly date?: string;
  /** Refuse to release from a tree with uncommitted changes. @default true */
  readonly requireCleanTree?: boolean;
  /** The changelog text whose unreleased notes describe the version. @default - CHANGELOG.md */
  readonly changelog?: string;
}

const REPOSITORY = join(__dirname, '../..');

/** Why `version` cannot be released, or undefined when it can. */
export function releaseRefusal(version: string, developmentVersion: string, requireCleanTree = true, changelog = readFileSync(CHANGELOG, 'utf8')): string | undefined {
  if (!semver.valid(version) || semver.prerelease(version)) return `version "${version}" is not a semantic version MAJOR.MINOR.PATCH such as 1.2.0`;
  if (isReleased(version)) return `${version} is already released (templates/workspace/${version}/${MANIFEST_FILE}); released versions never change: release a higher version`;
  const latest = latestRelease();
  if (latest && !semver.gt(version, latest.version)) return `${version} is not higher than the latest release, ${latest.version}`;
  if (version !== developmentVersion) return `${version} is not the version under development (package.json "version" is ${developmentVersion}); set it with npm version ${version} --no-git-tag-version, synth, test and commit`;
  if (!unreleasedNotes(changelog)) return `CHANGELOG.md has no notes under "## [Unreleased]": write what ${version} changes for buyers there first (its first paragraph becomes the version's description in Service Catalog)`;
  if (requireCleanTree) {
    const changes = execFileSync('git', ['status', '--porcelain'], { cwd: REPOSITORY, encoding: 'utf8' }).trim();
    if (changes) return `the working tree has uncommitted changes; commit or stash them first:\n${changes}`;
  }
  return undefined;
}

/**
 * Releases `version`: runs every step (each prints a progress line and may add files), then writes the
 * bundle to templates/workspace/<version>/ with its manifest, the changelog entry and the portfolio
 * template that now offers it. Nothing is written when a step fails.
 */
export async function release(version: string, options: ReleaseOptions): Promise<string[]> {
  const changelog = options.changelog ?? readFileSync(CHANGELOG, 'utf8');
  const refusal = releaseRefusal(version, options.developmentVersion, options.requireCleanTree ?? true, changelog);
  if (refusal) throw new Error(refusal);
  const progress = options.progress ?? console.log;
  const files = new Map<string, Uint8Array | string>();
  const context: ReleaseContext = {
    version, previous: latestRelease(), template: {}, templateText: '',
    addFile: (path, content) => { files.set(path, content); },
  };
  for (const [index, step] of options.steps.entries()) {
    progress(`[${index + 1}/${options.steps.length + 1}] ${step.title}`);
    try {
      await step.run(context);
    } catch (error) {
      throw new Error(`${step.title} failed: ${(error as Error).message}`);
    }
  }
  progress(`[${options.steps.length + 1}/${options.steps.length + 1}] write the release`);
  const date = options.date ?? new Date().toISOString().slice(0, 10);
  // The portfolio that offers the new version is synthesized before anything is written.
  const portfolio = synthesize(version, [...releasedVersions(), {
    version, date, summary: changelogEntries(withReleasedEntry(changelog, version, date))[0].summary,
    deprecated: false, directory: versionDirectory(version), template: () => context.template,
  }]).portfolio!;
  return writeRelease(version, files, date, portfolio, context.images);
}

function writeRelease(version: string, files: Map<string, Uint8Array | string>, date: string, portfolio: string, images?: ImagesRecord): string[] {
  const directory = versionDirectory(version);
  for (const [path, content] of files) {
    mkdirSync(dirname(join(directory, path)), { recursive: true });
    writeFileSync(join(directory, path), content);
  }
  writeFileSync(join(directory, MANIFEST_FILE), `${JSON.stringify(manifestOf(version, files, images), undefined, 2)}\n`);
  // The evidence now lives, frozen, in the bundle; its working copy would be a second home.
  rmSync(join(REPORTS_DIR, version), { recursive: true, force: true });
  recordRelease(version, date);
  mkdirSync(dirname(PORTFOLIO_TEMPLATE), { recursive: true });
  writeFileSync(PORTFOLIO_TEMPLATE, portfolio);
  return [...[...files.keys(), MANIFEST_FILE].map((path) => `templates/workspace/${version}/${path}`), relative(REPOSITORY, PORTFOLIO_TEMPLATE), 'CHANGELOG.md'];
}
