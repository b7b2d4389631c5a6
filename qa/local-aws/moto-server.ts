import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from './free-port';

/** The Python of the moto environment (installed by qa/bin/install-python-tools) and the harness's launcher. */
export const MOTO_PYTHON = join(__dirname, '../.venv/moto/bin/python');
export const MOTO_LAUNCHER = join(__dirname, 'moto_server.py');

/** A running moto server on loopback. */
export interface LocalAws {
  /** `http://127.0.0.1:<port>`, for the SDK's `endpoint` option. */
  readonly endpoint: string;
  /** Stops the server and waits for it to exit. */
  stop(): Promise<void>;
  /** The server's log so far: requests, warnings and tracebacks. */
  log(): string;
}

/** Static credentials for the local endpoint, which accepts any. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'testing', secretAccessKey: 'testing' };

async function waitUntilServing(endpoint: string, child: ChildProcess, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`moto_server exited with ${child.exitCode} before serving`);
    try {
      const response = await fetch(`${endpoint}/moto-api/`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`moto_server did not answer at ${endpoint} within the start timeout`);
}

/** Starts moto server (with the harness's CloudFormation models) on a free loopback port; resolves once it answers. */
export async function startLocalAws(startTimeoutMs = 30_000): Promise<LocalAws> {
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const child = spawn(MOTO_PYTHON, [MOTO_LAUNCHER, '-H', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, MOTO_PORT: String(port) },
  });
  let stderr = '';
  // Kept whole (a deployment writes a few hundred KiB) for the failure report of test-deploy.
  child.stderr?.on('data', (chunk) => { stderr += chunk; });
  try {
    await waitUntilServing(endpoint, child, Date.now() + startTimeoutMs);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}\n${stderr.slice(-4000)}`);
  }
  return {
    endpoint,
    log: () => stderr,
    stop: () => new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    }),
  };
}

/**
 * Switches the server's Step Functions to moto's interpreter: executions then run their states (Lambda
 * tasks through the harness's runner, task tokens, Retry and Catch), and task tokens are checked.
 */
export async function interpretStepFunctions(aws: LocalAws): Promise<void> {
  const response = await fetch(`${aws.endpoint}/moto-api/config`, {
    method: 'POST', body: JSON.stringify({ stepfunctions: { execute_state_machine: true } }),
  });
  if (!response.ok) throw new Error(`moto refused the Step Functions configuration: ${response.status}`);
}
