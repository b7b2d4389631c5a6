import { ECRClient, GetAuthorizationTokenCommand } from '@aws-sdk/client-ecr';
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { readManifest } from '../versions/manifest';
import { isReleased, MANIFEST_FILE, versionDirectory } from '../versions/released-versions';
import { buildImages, BuiltImage, megabytes } from './build-images';

const run = promisify(execFile);

/** Where one image goes and how to sign in there. */
export interface PushTarget {
  /** `<host>/<path>:<tag>`. */
  readonly destination: string;
  /** `user:password` for the registry. @default - none (an open registry) */
  readonly credentials?: string;
  /** Plain HTTP and no certificate check, for a registry on loopback. @default false */
  readonly insecure?: boolean;
}

/**
 * Pushes an OCI archive with skopeo (digests preserved), printing skopeo's line per layer, then reads
 * the manifest back from the registry and checks that its sha256 is `digest`. Throws when it is not.
 */
export async function pushImage(archive: Buffer, digest: string, target: PushTarget, progress: (line: string) => void): Promise<void> {
  const directory = mkdtempSync(join(tmpdir(), 'workspace-push-'));
  try {
    const file = join(directory, 'image.oci.tar');
    writeFileSync(file, archive);
    const access = [...(target.credentials ? ['--dest-creds', target.credentials] : []), ...(target.insecure ? ['--dest-tls-verify=false'] : [])];
    await skopeo(['copy', '--preserve-digests', ...access, `oci-archive:${file}`, `docker://${target.destination}`], progress);
    const pushed = target.destination.replace(/:[^:/]+$/, `@${digest}`);
    const read = [...(target.credentials ? ['--creds', target.credentials] : []), ...(target.insecure ? ['--tls-verify=false'] : [])];
    const { stdout } = await run('skopeo', ['inspect', '--raw', ...read, `docker://${pushed}`], { encoding: 'buffer', maxBuffer: 16 * 1024 * 1024 });
    const actual = `sha256:${createHash('sha256').update(stdout).digest('hex')}`;
    if (actual !== digest) throw new Error(`${target.destination} holds manifest ${actual} after the push, not ${digest}`);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

function skopeo(args: string[], progress: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('skopeo', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    createInterface({ input: child.stdout }).on('line', (line) => { if (line.trim()) progress(`    ${line.trim()}`); });
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    child.once('error', (error) => reject(new Error(`skopeo could not start (${error.message}); apt-get install skopeo`)));
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`skopeo ${args[0]} failed: ${stderr.trim()}`))));
  });
}

/** Options of {@link publishImages}. */
export interface PublishImagesOptions {
  /** Push to this registry host instead of each image's own (`127.0.0.1:5000`). @default - the listing's ECR registry */
  readonly registry?: string;
  /** Plain HTTP to `registry`. @default false */
  readonly insecure?: boolean;
  /**
   * The registry's `user:password`, or undefined to only show what would be pushed.
   * @default - an ECR authorization token from the default AWS credentials, when there are any
   */
  readonly credentials?: (registryHost: string) => Promise<string | undefined>;
  /** Prints one progress line. @default console.log */
  readonly progress?: (line: string) => void;
}

/** What publishing did for one image. */
export interface PublishedImage {
  readonly name: string;
  readonly destination: string;
  readonly digest: string;
  /** False when there were no credentials and nothing was pushed. */
  readonly pushed: boolean;
}

/**
 * Publishes a released version's images: rebuilds them from this checkout, refuses unless every digest
 * is the one the release's manifest records, and pushes each to the listing's repository under the
 * version's tag, verifying the pushed digest. Without credentials it shows what it would push.
 */
export async function publishImages(version: string, options: PublishImagesOptions = {}): Promise<PublishedImage[]> {
  if (!isReleased(version)) throw new Error(`${version} is not released (no templates/workspace/${version}/${MANIFEST_FILE}); run npm run release first`);
  const released = readManifest(versionDirectory(version)).images;
  if (!released) throw new Error(`${version} was released without container images (they are released from 1.3.0 on)`);
  const progress = options.progress ?? console.log;
  const { images } = await buildImages({ version, progress });
  const differing = images.filter((image) => released[image.name]?.digest !== image.image.digest);
  if (differing.length > 0) {
    throw new Error(`the images built from this checkout are not the ones ${version} released (${differing.map((image) => `${image.name} ${image.image.digest}, released ${released[image.name]?.digest}`).join('; ')}): check out the commit that released ${version}`);
  }
  const credentialsFor = options.credentials ?? ecrCredentials;
  const published: PublishedImage[] = [];
  for (const image of images) published.push(await publishOne(image, released[image.name], options, credentialsFor, progress));
  return published;
}

async function publishOne(image: BuiltImage, released: { repository: string; tag: string; digest: string }, options: PublishImagesOptions,
  credentialsFor: (host: string) => Promise<string | undefined>, progress: (line: string) => void): Promise<PublishedImage> {
  const repository = options.registry ? released.repository.replace(/^[^/]+/, options.registry) : released.repository;
  const destination = `${repository}:${released.tag}`;
  const credentials = await credentialsFor(repository.split('/')[0]);
  const summary = `${image.name} ${image.image.digest} (${image.image.layers.length} layers, ${megabytes(image.record.compressedSize)})`;
  if (credentials === undefined && !options.registry) {
    progress(`publish:images: would push ${summary} to ${destination}; no AWS credentials were found, so nothing was pushed`);
    return { name: image.name, destination, digest: image.image.digest, pushed: false };
  }
  progress(`publish:images: pushing ${summary} to ${destination}`);
  await pushImage(image.archive, image.image.digest, { destination, credentials, insecure: options.insecure }, progress);
  progress(`publish:images: ${destination} holds ${image.image.digest}, as released`);
  return { name: image.name, destination, digest: image.image.digest, pushed: true };
}

/** `AWS:<token>` for an ECR registry host, or undefined when no AWS credentials resolve. */
async function ecrCredentials(host: string): Promise<string | undefined> {
  const region = /\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com$/.exec(host)?.[1];
  if (!region) return undefined;
  try {
    const { authorizationData } = await new ECRClient({ region }).send(new GetAuthorizationTokenCommand({}));
    return Buffer.from(authorizationData![0].authorizationToken!, 'base64').toString('utf8');
  } catch (error) {
    if ((error as Error).name === 'CredentialsProviderError') return undefined;
    throw new Error(`could not sign in to ${host}: ${(error as Error).message}`);
  }
}
