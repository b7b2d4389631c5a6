import { execFile, execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ServiceProcess, superviseProcess } from '../local-workspace/service-process';

const run = promisify(execFile);

/** The image config's `config` (Docker's and OCI's names), as the smoke tests read it. */
export interface ImageRuntimeConfig {
  readonly User: string;
  readonly Entrypoint: string[];
  readonly Env: string[];
  readonly WorkingDir: string;
  readonly Healthcheck: { readonly Test: string[] };
}

/** Options of {@link startContainer}. */
export interface ContainerOptions {
  /** Variables set over the image's own, as a task definition's `environment` is. @default {} */
  readonly env?: Record<string, string>;
  /** Host files mounted read-only into the container. @default [] */
  readonly mounts?: { readonly source: string; readonly destination: string }[];
}

/** A container running from an image archive, with the image's health check at hand. */
export interface RunningContainer extends ServiceProcess {
  readonly id: string;
  /** The unpacked root file system (read-only inside the container). */
  readonly rootfs: string;
  readonly config: ImageRuntimeConfig;
  /** Runs a command inside the container, as `docker exec` does. */
  exec(args: string[]): Promise<{ code: number; stdout: string; stderr: string }>;
  /** Runs the image's own HEALTHCHECK command inside the container; resolves with its exit code. */
  healthCheck(): Promise<number>;
}

/** The tools the smoke tests need, from Debian (`apt-get install umoci runc`); missing ones are named. */
export function missingContainerTools(): string[] {
  return ['umoci', 'runc'].filter((tool) => {
    try {
      execFileSync(tool, ['--version'], { stdio: 'ignore' });
      return false;
    } catch {
      return true;
    }
  });
}

/**
 * Starts an OCI image archive without a container daemon, as ECS on Fargate would run it: `umoci
 * unpack` turns the image into a runtime bundle (its user, entrypoint, environment and working
 * directory become the process), and `runc`, the OCI runtime ECS's agents use, runs it with a
 * read-only root file system and a writable /tmp (the task's volume). The container shares this
 * machine's network namespace, as a task's containers share theirs, so loopback services answer it.
 */
export async function startContainer(archive: string, options: ContainerOptions = {}): Promise<RunningContainer> {
  if (process.getuid?.() !== 0) throw new Error('the image smoke tests run containers with runc, which needs root here');
  const missing = missingContainerTools();
  if (missing.length > 0) throw new Error(`${missing.join(' and ')} not installed: apt-get install -y umoci runc (npm ci does it as root)`);
  const directory = mkdtempSync(join(tmpdir(), 'workspace-container-'));
  const layout = join(directory, 'layout');
  const bundle = join(directory, 'bundle');
  mkdirSync(layout);
  await run('tar', ['-xf', archive, '-C', layout]);
  const index = JSON.parse(readFileSync(join(layout, 'index.json'), 'utf8'));
  const tag = index.manifests[0].annotations['org.opencontainers.image.ref.name'];
  await run('umoci', ['unpack', '--image', `${layout}:${tag}`, bundle]);
  configure(join(bundle, 'config.json'), options);
  const id = `workspace-${randomUUID().slice(0, 8)}`;
  const supervised = superviseProcess(spawn('runc', ['run', '--bundle', bundle, id], { stdio: ['ignore', 'pipe', 'pipe'] }));
  const exec = async (args: string[]) => {
    try {
      const { stdout, stderr } = await run('runc', ['exec', id, ...args], { timeout: 30_000 });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code?: number; stdout?: string; stderr?: string };
      return { code: typeof failed.code === 'number' ? failed.code : -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
    }
  };
  const config = imageConfig(layout, index.manifests[0].digest);
  return {
    ...supervised, id, rootfs: join(bundle, 'rootfs'), config, exec,
    healthCheck: async () => (await exec(config.Healthcheck.Test.slice(1))).code,
    stop: async (signal = 'SIGTERM') => {
      await run('runc', ['kill', id, signal]).catch(() => undefined);
      const code = await Promise.race([supervised.exited, new Promise<string>((resolve) => setTimeout(() => resolve('timeout'), 15_000))]);
      await run('runc', ['delete', '--force', id]).catch(() => undefined);
      rmSync(directory, { recursive: true, force: true });
      return code;
    },
  };
}

/** The runtime bundle's config, changed as a Fargate task definition with readonlyRootFilesystem would have it. */
function configure(path: string, options: ContainerOptions): void {
  const config = JSON.parse(readFileSync(path, 'utf8'));
  config.process.terminal = false;
  const overridden = new Set(Object.keys(options.env ?? {}));
  config.process.env = [
    ...config.process.env.filter((variable: string) => !overridden.has(variable.split('=')[0])),
    ...Object.entries(options.env ?? {}).map(([name, value]) => `${name}=${value}`),
  ];
  config.root.readonly = true;
  config.mounts.push({ destination: '/tmp', type: 'tmpfs', source: 'tmpfs', options: ['nosuid', 'nodev', 'mode=1777'] });
  for (const mount of options.mounts ?? []) {
    config.mounts.push({ destination: mount.destination, type: 'bind', source: mount.source, options: ['rbind', 'ro'] });
  }
  config.linux.namespaces = config.linux.namespaces.filter((namespace: { type: string }) => namespace.type !== 'network');
  writeFileSync(path, JSON.stringify(config));
}

function imageConfig(layout: string, manifestDigest: string): ImageRuntimeConfig {
  const blob = (digest: string) => JSON.parse(readFileSync(join(layout, 'blobs', ...digest.split(':')), 'utf8'));
  return blob(blob(manifestDigest).config.digest).config;
}
