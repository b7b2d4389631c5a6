import { Layer, LayerBuilder, sha256Hex } from './layer';

export const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
export const OCI_CONFIG = 'application/vnd.oci.image.config.v1+json';
export const OCI_LAYER_GZIP = 'application/vnd.oci.image.layer.v1.tar+gzip';
export const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';

/** A container health check as Docker's image config and ECS's task definition both express it. */
export interface HealthCheck {
  /** `['CMD', executable, ...arguments]`: exec form, as the image has no shell. */
  readonly command: string[];
  readonly intervalSeconds: number;
  readonly timeoutSeconds: number;
  readonly startPeriodSeconds: number;
  readonly retries: number;
}

/** What the image runs, and how. */
export interface RuntimeConfig {
  /** `uid:gid`, never root. */
  readonly user: string;
  readonly entrypoint: string[];
  readonly workingDir: string;
  /** `NAME=value` pairs. */
  readonly env: string[];
  readonly exposedPorts?: number[];
  readonly healthCheck: HealthCheck;
  /** OCI annotations and labels (`org.opencontainers.image.*`). */
  readonly labels: Record<string, string>;
}

/** One content-addressed blob with its descriptor. */
export interface Blob {
  readonly mediaType: string;
  readonly digest: string;
  readonly size: number;
  readonly content: Buffer;
}

/** A built image: its manifest (whose digest names the image), config and layers. */
export interface OciImage {
  /** `sha256:<hex>` of the manifest: what a template pins (`<repository>@<digest>`). */
  readonly digest: string;
  readonly manifest: Blob;
  readonly config: Blob;
  readonly layers: Blob[];
}

const SECOND_NS = 1_000_000_000;

function blob(mediaType: string, content: Buffer): Blob {
  return { mediaType, content, size: content.length, digest: `sha256:${sha256Hex(content)}` };
}

const descriptor = ({ mediaType, digest, size }: Blob) => ({ mediaType, digest, size });

/** Assembles the image config and manifest; `created` is SOURCE_DATE_EPOCH, so the digest is reproducible. */
export function ociImage(layers: Layer[], runtime: RuntimeConfig, created: number): OciImage {
  const timestamp = new Date(created * 1000).toISOString().replace('.000Z', 'Z');
  const check = runtime.healthCheck;
  const config = {
    created: timestamp,
    architecture: 'amd64',
    os: 'linux',
    config: {
      User: runtime.user,
      ExposedPorts: runtime.exposedPorts && Object.fromEntries(runtime.exposedPorts.map((port) => [`${port}/tcp`, {}])),
      Env: runtime.env,
      Entrypoint: runtime.entrypoint,
      WorkingDir: runtime.workingDir,
      Labels: runtime.labels,
      // Docker's field (OCI's config has none); ECS runs the task definition's check, which is the same.
      Healthcheck: {
        Test: check.command, Interval: check.intervalSeconds * SECOND_NS, Timeout: check.timeoutSeconds * SECOND_NS,
        StartPeriod: check.startPeriodSeconds * SECOND_NS, Retries: check.retries,
      },
    },
    rootfs: { type: 'layers', diff_ids: layers.map((layer) => layer.diffId) },
    history: layers.map((layer) => ({ created: timestamp, created_by: layer.comment })),
  };
  const configBlob = blob(OCI_CONFIG, Buffer.from(JSON.stringify(config)));
  const layerBlobs = layers.map((layer) => blob(OCI_LAYER_GZIP, layer.blob));
  const manifest = blob(OCI_MANIFEST, Buffer.from(JSON.stringify({
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    config: descriptor(configBlob),
    layers: layerBlobs.map(descriptor),
    annotations: runtime.labels,
  })));
  return { digest: manifest.digest, manifest, config: configBlob, layers: layerBlobs };
}

/**
 * The image as an OCI archive: a tar of an OCI image layout (`oci-layout`, `index.json`,
 * `blobs/sha256/...`) whose index names the image `tag`, the form `skopeo copy oci-archive:...` and
 * `umoci` read. Written as reproducibly as a layer.
 */
export async function ociArchive(image: OciImage, tag: string, mtime: number): Promise<Buffer> {
  const archive = new LayerBuilder({ comment: 'OCI image layout', mtime });
  archive.file('/oci-layout', JSON.stringify({ imageLayoutVersion: '1.0.0' }));
  archive.file('/index.json', JSON.stringify({
    schemaVersion: 2,
    mediaType: OCI_INDEX,
    manifests: [{ ...descriptor(image.manifest), annotations: { 'org.opencontainers.image.ref.name': tag } }],
  }));
  for (const { digest, content } of [image.manifest, image.config, ...image.layers]) {
    archive.file(`/blobs/sha256/${digest.slice('sha256:'.length)}`, content);
  }
  return archive.tar();
}
