import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../local-aws/free-port';

/** A container registry on loopback, as ECR answers the same Docker Registry HTTP API V2. */
export interface LocalRegistry {
  /** `127.0.0.1:<port>`. */
  readonly host: string;
  stop(): Promise<void>;
}

/**
 * Starts Debian's docker-registry (the CNCF distribution registry) on a free loopback port with its
 * storage in a temporary directory, plain HTTP and no sign-in; resolves once /v2/ answers.
 */
export async function startLocalRegistry(): Promise<LocalRegistry> {
  const directory = mkdtempSync(join(tmpdir(), 'workspace-registry-'));
  const port = await freePort();
  const config = join(directory, 'config.yml');
  writeFileSync(config, [
    'version: 0.1', 'log:', '  level: warn', 'storage:', '  filesystem:', `    rootdirectory: ${join(directory, 'data')}`,
    'http:', `  addr: 127.0.0.1:${port}`, '',
  ].join('\n'));
  const child = spawn('docker-registry', ['serve', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => { stderr = (stderr + chunk).slice(-5000); });
  const spawned = new Promise<never>((_, reject) => {
    child.once('error', (error) => reject(new Error(`docker-registry could not start (${error.message}); apt-get install docker-registry`)));
    child.once('exit', (code) => reject(new Error(`docker-registry exited with ${code}: ${stderr}`)));
  });
  const ready = (async () => {
    for (let attempt = 0; attempt < 100; attempt += 1) {
      if (await fetch(`http://127.0.0.1:${port}/v2/`).then((response) => response.ok, () => false)) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`docker-registry did not answer on port ${port}: ${stderr}`);
  })();
  await Promise.race([ready, spawned]);
  return {
    host: `127.0.0.1:${port}`,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
