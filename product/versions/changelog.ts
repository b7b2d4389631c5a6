import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The changelog every released version has an entry in, newest first (Keep a Changelog layout). */
export const CHANGELOG = join(__dirname, '../../CHANGELOG.md');
const UNRELEASED = '## [Unreleased]';
/** `## [1.1.0] - 2026-11-23`, optionally followed by `[DEPRECATED]`. */
const ENTRY_HEADING = /^## \[(\d+\.\d+\.\d+)\] - (\d{4}-\d{2}-\d{2})( \[DEPRECATED\])?$/;

/** One released version as the changelog describes it. */
export interface ChangelogEntry {
  readonly version: string;
  readonly date: string;
  /** The entry's first paragraph: what a buyer gets, shown as the provisioning artifact's description. */
  readonly summary: string;
  /** Marked `[DEPRECATED]`: buyers should move off it. */
  readonly deprecated: boolean;
}

/** The released versions the changelog lists, newest first. */
export function changelogEntries(text = readFileSync(CHANGELOG, 'utf8')): ChangelogEntry[] {
  const entries: ChangelogEntry[] = [];
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    const heading = ENTRY_HEADING.exec(line);
    if (!heading) return;
    entries.push({ version: heading[1], date: heading[2], deprecated: Boolean(heading[3]), summary: firstParagraph(lines.slice(index + 1)) });
  });
  return entries;
}

/** The notes under `## [Unreleased]`: what the next release will say; empty when nothing is written yet. */
export function unreleasedNotes(text = readFileSync(CHANGELOG, 'utf8')): string {
  const start = text.indexOf(UNRELEASED);
  if (start < 0) throw new Error(`${CHANGELOG} has no "${UNRELEASED}" section; add it above the newest entry`);
  const rest = text.slice(start + UNRELEASED.length);
  const end = rest.search(/^## /m);
  return (end < 0 ? rest : rest.slice(0, end)).trim();
}

/** The changelog with the unreleased notes moved under a new entry for `version`, dated `date`. */
export function withReleasedEntry(text: string, version: string, date: string): string {
  const notes = unreleasedNotes(text);
  if (!notes) throw new Error(`CHANGELOG.md: write what ${version} changes for buyers under "${UNRELEASED}" first (its first paragraph becomes the version's description in Service Catalog)`);
  const start = text.indexOf(UNRELEASED) + UNRELEASED.length;
  const rest = text.slice(start);
  const end = rest.search(/^## /m);
  const after = end < 0 ? '' : rest.slice(end);
  return `${text.slice(0, start)}\n\n## [${version}] - ${date}\n\n${notes}\n${after ? `\n${after}` : ''}`;
}

/** Writes the new entry for `version` into CHANGELOG.md. */
export function recordRelease(version: string, date: string): void {
  writeFileSync(CHANGELOG, withReleasedEntry(readFileSync(CHANGELOG, 'utf8'), version, date));
}

function firstParagraph(lines: string[]): string {
  const start = lines.findIndex((line) => line.trim() !== '');
  if (start < 0 || lines[start].startsWith('## ')) return '';
  const end = lines.slice(start).findIndex((line) => line.trim() === '' || line.startsWith('## '));
  return lines.slice(start, end < 0 ? undefined : start + end).join(' ').trim();
}
