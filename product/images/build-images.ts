import { join } from 'node:path';
import { BaseUser, debianBaseLayer, DebianLock, readDebianLock } from './debian-base';
import { ImageRecord, ImagesRecord, LISTING_REGISTRY } from './image-record';
import { Layer } from './layer';
import { NODE_RUNTIME, nodeRuntimeLayer, PinnedNodeRuntime } from './node-runtime';
import { ociArchive, ociImage, OciImage } from './oci-image';
import { imageSbom } from './sbom';
import { IMAGE_USER, WORKSPACE_IMAGES, WorkspaceImage } from './workspace-images';

/**
 * Compressed layers by diff ID (`layers/`) and compiled add-ons (`addons/`), so that a rebuild redoes
 * only what changed; `build/` is never committed.
 */
export const BUILD_CACHE = join(__dirname, '../../build/images/cache');

/** Options of {@link buildImages}. */
export interface BuildImagesOptions {
  /** The workspace version the images belong to (their tag and version label). */
  readonly version: string;
  /** Every timestamp in the images. @default - SOURCE_DATE_EPOCH, else 0 (1970-01-01) */
  readonly sourceDateEpoch?: number;
  /** @default WORKSPACE_IMAGES */
  readonly images?: WorkspaceImage[];
  /** @default - product/images/debian-packages.lock.json */
  readonly debian?: DebianLock;
  /** @default NODE_RUNTIME */
  readonly node?: PinnedNodeRuntime;
  readonly user?: BaseUser;
  /** Where compressed layers and compiled add-ons are kept between builds; false keeps none. @default BUILD_CACHE */
  readonly cache?: string | false;
  /** Prints one progress line. @default console.log */
  readonly progress?: (line: string) => void;
}

/** One built image: the image, its OCI archive, its SBOM and what images.json records of it. */
export interface BuiltImage {
  readonly name: string;
  readonly image: OciImage;
  readonly archive: Buffer;
  readonly sbom: string;
  readonly record: ImageRecord;
}

/** The timestamp of a build: SOURCE_DATE_EPOCH when set (it must be whole seconds), else 0. */
export function sourceDateEpoch(value = process.env.SOURCE_DATE_EPOCH): number {
  if (value === undefined || value === '') return 0;
  if (!/^\d+$/.test(value)) throw new Error(`SOURCE_DATE_EPOCH "${value}" must be whole seconds since 1970, such as 1767225600`);
  return Number(value);
}

/**
 * Builds every workspace image without a container daemon: three layers each (the Debian base and
 * the Node.js runtime, shared by both images, then the application), assembled as OCI images and
 * archives. Every input is pinned (Debian packages by sha256, Node.js by integrity, npm packages by
 * the lockfile), so the same repository gives the same digests on any machine.
 */
export async function buildImages(options: BuildImagesOptions): Promise<{ record: ImagesRecord; images: BuiltImage[] }> {
  const progress = options.progress ?? console.log;
  const mtime = options.sourceDateEpoch ?? sourceDateEpoch();
  const cache = options.cache === false ? undefined : options.cache ?? BUILD_CACHE;
  const layerCache = cache && join(cache, 'layers');
  const debian = options.debian ?? readDebianLock();
  progress(`images: base layer (${debian.packages.length} Debian packages)`);
  const base = await debianBaseLayer(debian, options.user ?? IMAGE_USER, mtime, layerCache);
  const node = await nodeRuntimeLayer(options.node ?? NODE_RUNTIME, mtime, layerCache);
  progress(`images: Node.js ${node.runtime.version} layer`);
  const built: BuiltImage[] = [];
  for (const definition of options.images ?? WORKSPACE_IMAGES) {
    progress(`images: ${definition.name}: application layer`);
    const application = definition.application({ node, mtime, cache, progress });
    const layers = [base.layer, node.layer, await application.layer.finish(layerCache)];
    const repository = `${LISTING_REGISTRY}/${definition.name}`;
    const image = ociImage(layers, { ...definition.runtime, labels: labels(definition, options.version) }, mtime);
    const sbom = imageSbom({
      name: definition.name, description: definition.description, version: options.version, repository, digest: image.digest,
      created: mtime, distribution: debian.distribution, debianPackages: base.packages, node: node.runtime, npmPackages: application.npmPackages,
    });
    const record = imageRecord(definition.name, repository, options.version, image, layers);
    for (const layer of layers) progress(`images: ${definition.name}: layer ${layer.digest.slice(0, 19)} ${megabytes(layer.blob.length)} ${layer.comment.split(':')[0]}`);
    progress(`images: ${definition.name}: ${image.digest} (${megabytes(record.compressedSize)} compressed)`);
    built.push({ name: definition.name, image, archive: await ociArchive(image, options.version, mtime), sbom, record });
  }
  return {
    record: { version: options.version, sourceDateEpoch: mtime, images: Object.fromEntries(built.map((image) => [image.name, image.record])) },
    images: built,
  };
}

function labels(definition: WorkspaceImage, version: string): Record<string, string> {
  return {
    'org.opencontainers.image.title': `automation-workspace/${definition.name}`,
    'org.opencontainers.image.description': definition.description,
    'org.opencontainers.image.version': version,
    'org.opencontainers.image.vendor': 'Automation Workspace',
  };
}

function imageRecord(name: string, repository: string, version: string, image: OciImage, layers: Layer[]): ImageRecord {
  return {
    repository, tag: version, digest: image.digest,
    compressedSize: image.layers.reduce((sum, layer) => sum + layer.size, 0),
    sbom: `images/${name}.cdx.json`,
    layers: layers.map((layer) => ({ digest: layer.digest, size: layer.blob.length, createdBy: layer.comment })),
  };
}

export function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}
