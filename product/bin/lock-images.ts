import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { DEBIAN_LOCK_FILE, DebianLock, PinnedDebianPackage, readDebianLock } from '../images/debian-base';

/**
 * `npm run lock:images`: pins each package of the images' Debian base to the version this machine's
 * apt lists offer (run `apt-get update` first for the newest security fixes), by URL and sha256 from
 * the signed indices apt has verified. The images' digests change; npm run synth rebuilds them.
 */
function pinned(name: string): PinnedDebianPackage {
  const line = execFileSync('apt-get', ['download', '--print-uris', name], { encoding: 'utf8' }).trim().split('\n').at(-1)!;
  const match = /^'([^']+)' \S+ \d+ SHA256:([0-9a-f]{64})$/.exec(line);
  if (!match) throw new Error(`apt-get download --print-uris ${name} printed "${line}", not a URL with its SHA256`);
  const version = execFileSync('apt-cache', ['show', '--no-all-versions', name], { encoding: 'utf8' }).match(/^Version: (.+)$/m)![1];
  return { name, version, url: match[1], sha256: match[2] };
}

try {
  const lock = readDebianLock();
  const updated: DebianLock = { ...lock, packages: lock.packages.map((pkg) => pinned(pkg.name)) };
  writeFileSync(DEBIAN_LOCK_FILE, `${JSON.stringify(updated, undefined, 2)}\n`);
  for (const [before, after] of lock.packages.map((pkg, index) => [pkg, updated.packages[index]])) {
    console.log(`lock:images: ${after.name} ${before.version === after.version ? after.version : `${before.version} -> ${after.version}`}`);
  }
  console.log(`lock:images: wrote ${relative(process.cwd(), DEBIAN_LOCK_FILE)}; run npm run synth to rebuild the images`);
} catch (error) {
  console.error(`lock:images: ${(error as Error).message} (this needs a Debian 12 machine with apt)`);
  process.exit(1);
}
