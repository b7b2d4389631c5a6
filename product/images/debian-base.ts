import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifiedDownload } from './downloads';
import { Layer, LayerBuilder } from './layer';
import { readTar } from './tar-entries';

/** One pinned Debian package: the exact file, by URL and sha256. */
export interface PinnedDebianPackage {
  readonly name: string;
  readonly version: string;
  readonly url: string;
  readonly sha256: string;
}

/** debian-packages.lock.json: the packages of the images' base, each pinned to one file. */
export interface DebianLock {
  /** `debian-12`. */
  readonly distribution: string;
  readonly architecture: string;
  readonly packages: PinnedDebianPackage[];
}

/** A package as installed in the base, for the SBOM. */
export interface InstalledDebianPackage extends PinnedDebianPackage {
  readonly architecture: string;
  /** The source package (`glibc` for libc6). */
  readonly source: string;
  readonly homepage?: string;
}

/** What the base layer is built for: the user the images run as. */
export interface BaseUser {
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
}

export const DEBIAN_LOCK_FILE = join(__dirname, 'debian-packages.lock.json');
const REFRESH = 'run npm run lock:images on a Debian 12 machine with current package lists to pin the versions the mirror serves, then rebuild the images (their digests change)';

/**
 * What the base leaves out of the packages, as distroless does: manuals, translations, lintian data,
 * debugger helpers and iconv's modules (Node.js converts text itself). Every package's copyright file
 * stays, for its licence.
 */
const LEFT_OUT = [
  /^\/usr\/share\/(man|info|lintian|locale|gdb|gcc|bug|bash-completion)(\/|$)/,
  /^\/usr\/share\/doc\/[^/]+\/(?!copyright$)/,
  /^\/usr\/lib\/x86_64-linux-gnu\/gconv(\/|$)/,
  /^\/etc\/update-motd\.d(\/|$)/,
];

export function readDebianLock(path = DEBIAN_LOCK_FILE): DebianLock {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/**
 * The base layer of every image, in the way of Google's distroless `cc` image: the pinned Debian
 * packages' files (glibc, libstdc++, base-files, netbase) unpacked with no maintainer script run, the
 * dpkg status files vulnerability scanners read, and `/etc/passwd` with root and the non-root user
 * and no login shell. There is no shell and no package manager.
 */
export async function debianBaseLayer(lock: DebianLock, user: BaseUser, mtime: number, cache?: string): Promise<{ layer: Layer; packages: InstalledDebianPackage[] }> {
  const layer = new LayerBuilder({ comment: `Debian ${lock.distribution.replace('debian-', '')} base: ${lock.packages.map((p) => `${p.name} ${p.version}`).join(', ')}`, mtime });
  const packages: InstalledDebianPackage[] = [];
  for (const pinned of lock.packages) {
    const deb = await verifiedDownload(pinned.url, pinned.sha256, REFRESH);
    const { control, files } = unpackDeb(deb);
    const fields = controlFields(control);
    if (fields.Package !== pinned.name || fields.Version !== pinned.version) {
      throw new Error(`${pinned.url} holds ${fields.Package} ${fields.Version}, not ${pinned.name} ${pinned.version} as ${DEBIAN_LOCK_FILE} says`);
    }
    for (const entry of await readTar(files)) addPackageEntry(layer, entry.header, entry.content);
    layer.file(`/var/lib/dpkg/status.d/${pinned.name}`, `${control.trimEnd()}\nStatus: install ok installed\n`);
    packages.push({ ...pinned, architecture: fields.Architecture, source: (fields.Source ?? pinned.name).split(' ')[0], homepage: fields.Homepage });
  }
  addAccounts(layer, user);
  return { layer: await layer.finish(cache), packages };
}

function addPackageEntry(layer: LayerBuilder, header: { name: string; type?: string | null; mode?: number; linkname?: string | null }, content: Buffer): void {
  const path = `/${header.name.replace(/^\.?\/*/, '')}`.replace(/\/+$/, '');
  if (path === '' || LEFT_OUT.some((pattern) => pattern.test(path))) return;
  const mode = (header.mode ?? 0o644) & 0o7777;
  switch (header.type) {
    case 'directory': layer.add({ type: 'directory', path, mode }); break;
    case 'file': layer.add({ type: 'file', path, mode, content }); break;
    case 'symlink': layer.symlink(path, header.linkname!); break;
    case 'link': layer.add({ type: 'link', path, target: `/${header.linkname!.replace(/^\.?\/*/, '')}` }); break;
    default: throw new Error(`a Debian package holds ${path} of type ${header.type}, which the base does not carry`);
  }
}

function addAccounts(layer: LayerBuilder, user: BaseUser): void {
  const home = `/home/${user.name}`;
  layer.file('/etc/passwd', `root:x:0:0:root:/root:/sbin/nologin\n${user.name}:x:${user.uid}:${user.gid}:${user.name}:${home}:/sbin/nologin\n`);
  layer.file('/etc/group', `root:x:0:\n${user.name}:x:${user.gid}:\n`);
  layer.file('/etc/nsswitch.conf', 'passwd: files\ngroup: files\nhosts: files dns\nnetworks: files\nprotocols: files\nservices: files\n');
  layer.directory(home, 0o700, { uid: user.uid, gid: user.gid });
  if (!layer.has('/etc/os-release')) layer.symlink('/etc/os-release', '../usr/lib/os-release');
}

/** A .deb's control paragraph and its files as an uncompressed tar, by Debian's own dpkg-deb. */
function unpackDeb(deb: Buffer): { control: string; files: Buffer } {
  const directory = mkdtempSync(join(tmpdir(), 'workspace-deb-'));
  try {
    const file = join(directory, 'package.deb');
    writeFileSync(file, deb);
    const control = execFileSync('dpkg-deb', ['--field', file], { encoding: 'utf8' });
    const files = execFileSync('dpkg-deb', ['--fsys-tarfile', file], { maxBuffer: 512 * 1024 * 1024 });
    return { control, files };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error('dpkg-deb is not installed: the images are built on Debian or Ubuntu (apt-get install dpkg)');
    throw error;
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

function controlFields(control: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const line of control.split('\n')) {
    const match = /^([A-Za-z0-9-]+):\s*(.*)$/.exec(line);
    if (match) fields[match[1]] = match[2];
  }
  return fields;
}
