import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Where downloaded build inputs are kept, by content hash; `build/` is never committed. */
export const DOWNLOADS = join(__dirname, '../../build/images/downloads');

/**
 * The file at `url`, whose sha256 must be `sha256`: from the download cache when it is there, else
 * fetched, checked and cached. A different hash is an error naming both, and nothing is cached.
 */
export async function verifiedDownload(url: string, sha256: string, refresh: string): Promise<Buffer> {
  const cached = join(DOWNLOADS, `sha256-${sha256}`);
  if (existsSync(cached)) return readFileSync(cached);
  const response = await fetch(url).catch((error: Error) => {
    throw new Error(`could not download ${url}: ${error.message}${(error.cause as Error | undefined)?.message ? ` (${(error.cause as Error).message})` : ''}`);
  });
  if (!response.ok) {
    throw new Error(`could not download ${url}: HTTP ${response.status}. The pinned version may have left the mirror: ${refresh}`);
  }
  const content = Buffer.from(await response.arrayBuffer());
  const actual = createHash('sha256').update(content).digest('hex');
  if (actual !== sha256) throw new Error(`${url} has sha256 ${actual}, but the lock pins ${sha256}: ${refresh}`);
  return writeAtomically(cached, content);
}

/**
 * An npm package's tarball, through npm itself (its registry setting and cache), checked against the
 * pinned Subresource Integrity string (`sha512-...`).
 */
export function verifiedNpmPackage(spec: string, integrity: string): Buffer {
  const [algorithm, expected] = splitIntegrity(integrity);
  const cached = join(DOWNLOADS, `${algorithm}-${Buffer.from(expected, 'base64').toString('hex')}.tgz`);
  if (existsSync(cached)) return readFileSync(cached);
  mkdirSync(DOWNLOADS, { recursive: true });
  // A directory of its own, so that two builds at once never take each other's half-written file.
  const destination = mkdtempSync(join(DOWNLOADS, 'npm-pack-'));
  try {
    const packed = JSON.parse(execFileSync('npm', ['pack', spec, '--json', '--pack-destination', destination], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));
    const file = join(destination, packed[0].filename);
    const content = readFileSync(file);
    const actual = createHash(algorithm).update(content).digest('base64');
    if (actual !== expected) throw new Error(`npm package ${spec} has integrity ${algorithm}-${actual}, but ${integrity} is pinned`);
    renameSync(file, cached);
    return content;
  } finally {
    rmSync(destination, { recursive: true, force: true });
  }
}

function splitIntegrity(integrity: string): [string, string] {
  const match = /^(sha256|sha384|sha512)-([A-Za-z0-9+/=]+)$/.exec(integrity);
  if (!match) throw new Error(`"${integrity}" is not a Subresource Integrity string such as sha512-<base64>`);
  return [match[1], match[2]];
}

/**
 * Writes `content` to `path` through a file of this process's own and a rename, so that builds running
 * at once never read or take a half-written cache file.
 */
export function writeAtomically(path: string, content: Buffer): Buffer {
  mkdirSync(dirname(path), { recursive: true });
  const partial = `${path}.${process.pid}.partial`;
  writeFileSync(partial, content);
  renameSync(partial, path);
  return content;
}
