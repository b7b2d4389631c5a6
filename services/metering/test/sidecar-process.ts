import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { SIDECAR_NODE_FLAGS } from '../contract';

const MAIN = join(__dirname, '..', 'main.ts');

/** The real sidecar as a child process (`node <the image's flags> --import tsx main.ts`), as ECS would run it. */
export interface SidecarProcess {
  readonly url: string;
  readonly child: ChildProcess;
  /** Every JSON log line so far. */
  readonly logs: Record<string, unknown>[];
  /** Resolves with the exit code (or the signal's name). */
  readonly exited: Promise<number | string>;
}

/** Starts the sidecar with `env` (on a free port) and resolves once it listens. */
export function startSidecarProcess(env: Record<string, string>): Promise<SidecarProcess> {
  const child = spawn(process.execPath, [...SIDECAR_NODE_FLAGS, '--import', 'tsx', MAIN], {
    env: { PATH: process.env.PATH, METERING_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  let stderr = '';
  child.stderr!.on('data', (chunk) => { stderr += chunk; });
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`the sidecar did not listen within 20 s\n${stderr}`)); }, 20_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const entry = JSON.parse(line) as Record<string, unknown>;
      logs.push(entry);
      if (entry.message === 'metering sidecar listening') {
        clearTimeout(timer);
        resolve({ url: entry.url as string, child, logs, exited });
      }
    });
    void exited.then((code) => { clearTimeout(timer); reject(new Error(`the sidecar exited with ${code} before listening\n${JSON.stringify(logs)}\n${stderr}`)); });
  });
}
