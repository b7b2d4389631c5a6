import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { writeAtomically } from './downloads';
import { join, posix } from 'node:path';
import { constants, gzipSync } from 'node:zlib';
import { pack } from 'tar-stream';

/** The owner of one entry, when it is not the layer's. */
interface Owner {
  readonly uid?: number;
  readonly gid?: number;
}

/** One entry of a layer: a directory, a regular file, a symbolic link or a hard link. */
export type LayerEntry = Owner & (
  | { readonly type: 'directory'; readonly path: string; readonly mode: number }
  | { readonly type: 'file'; readonly path: string; readonly mode: number; readonly content: Buffer }
  | { readonly type: 'symlink'; readonly path: string; readonly target: string }
  | { readonly type: 'link'; readonly path: string; readonly target: string });

/** A finished layer: its uncompressed tar's digest (the image config's diff_id) and the gzip blob. */
export interface Layer {
  /** What the layer holds, for the image's history. */
  readonly comment: string;
  /** `sha256:<hex>` of the uncompressed tar. */
  readonly diffId: string;
  /** The gzip-compressed tar, as stored in the registry. */
  readonly blob: Buffer;
  /** `sha256:<hex>` of {@link blob}. */
  readonly digest: string;
}

/** Props of {@link LayerBuilder}. */
export interface LayerOptions {
  /** What the layer holds, recorded in the image history. */
  readonly comment: string;
  /** Every entry's modification time, in seconds since 1970 (SOURCE_DATE_EPOCH). */
  readonly mtime: number;
  /** Owner of every entry. @default 0 (root), as distroless images own their files */
  readonly uid?: number;
  /** Group of every entry. @default 0 */
  readonly gid?: number;
}

/**
 * Collects the entries of one image layer and writes them as a reproducible tar: entries sorted by
 * path, every timestamp fixed, owners numeric with no names, no extended attributes, and gzip without a
 * name or time. The same entries always give the same bytes, so the same digest. Parent directories
 * that were not added explicitly are created with mode 0755.
 */
export class LayerBuilder {
  private readonly entries = new Map<string, LayerEntry>();

  constructor(private readonly options: LayerOptions) {}

  /** Adds (or replaces) an entry; `path` is absolute inside the image (`/usr/local/bin/node`). */
  add(entry: LayerEntry): this {
    const path = normalized(entry.path);
    this.entries.set(path, { ...entry, path } as LayerEntry);
    return this;
  }

  file(path: string, content: Buffer | string, mode = 0o644): this {
    return this.add({ type: 'file', path, mode, content: Buffer.from(content) });
  }

  directory(path: string, mode = 0o755, owner: Owner = {}): this {
    return this.add({ type: 'directory', path, mode, ...owner });
  }

  symlink(path: string, target: string): this {
    return this.add({ type: 'symlink', path, target });
  }

  /** Whether the layer already has an entry at `path`. */
  has(path: string): boolean {
    return this.entries.has(normalized(path));
  }

  /**
   * The tar and its digests; compression at gzip's best level, which only the build pays for. With a
   * `cache` directory, a layer whose tar was compressed before is read from it instead.
   */
  async finish(cache?: string): Promise<Layer> {
    const tar = await this.tar();
    const diffId = sha256Hex(tar);
    const cached = cache && join(cache, `${diffId}.tar.gz`);
    let blob: Buffer;
    if (cached && existsSync(cached)) {
      blob = readFileSync(cached);
    } else {
      blob = gzipSync(tar, { level: constants.Z_BEST_COMPRESSION });
      if (cached) writeAtomically(cached, blob);
    }
    return { comment: this.options.comment, diffId: `sha256:${diffId}`, blob, digest: `sha256:${sha256Hex(blob)}` };
  }

  /** The uncompressed tar. */
  async tar(): Promise<Buffer> {
    const archive = pack();
    const chunks: Buffer[] = [];
    archive.on('data', (chunk) => { chunks.push(chunk as Buffer); });
    const ended = new Promise<void>((resolve, reject) => { archive.on('end', resolve); archive.on('error', reject); });
    for (const entry of this.sorted()) {
      await new Promise<void>((resolve, reject) => {
        const callback = (error?: Error | null) => (error ? reject(error) : resolve());
        if (entry.type === 'file') archive.entry(this.header(entry), entry.content, callback);
        else archive.entry(this.header(entry), callback);
      });
    }
    archive.finalize();
    await ended;
    return Buffer.concat(chunks);
  }

  private sorted(): LayerEntry[] {
    const all = new Map(this.entries);
    for (const path of this.entries.keys()) {
      for (let parent = posix.dirname(path); parent !== '/'; parent = posix.dirname(parent)) {
        if (!all.has(parent)) all.set(parent, { type: 'directory', path: parent, mode: 0o755 });
      }
    }
    return [...all.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  private header(entry: LayerEntry) {
    const common = {
      // Layer paths are relative (`usr/local/bin/node`), with a slash after directories, as docker and umoci write them.
      name: entry.type === 'directory' ? `${entry.path.slice(1)}/` : entry.path.slice(1),
      mtime: new Date(this.options.mtime * 1000),
      uid: entry.uid ?? this.options.uid ?? 0, gid: entry.gid ?? this.options.gid ?? 0, uname: '', gname: '',
    };
    switch (entry.type) {
      case 'directory': return { ...common, type: 'directory' as const, mode: entry.mode };
      case 'file': return { ...common, type: 'file' as const, mode: entry.mode, size: entry.content.length };
      case 'symlink': return { ...common, type: 'symlink' as const, mode: 0o777, linkname: entry.target };
      case 'link': return { ...common, type: 'link' as const, mode: 0o644, linkname: normalized(entry.target).slice(1) };
    }
  }
}

export function sha256Hex(content: Uint8Array | string): string {
  return createHash('sha256').update(content).digest('hex');
}

function normalized(path: string): string {
  const clean = posix.normalize(`/${path}`).replace(/\/+$/, '');
  if (clean === '' || clean === '/') throw new Error(`a layer entry needs a path below /, not "${path}"`);
  return clean;
}
