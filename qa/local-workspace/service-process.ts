import { ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/** One of the workspace's services as a child process (`node --import tsx <main>`), as its container would run it. */
export interface ServiceProcess {
  readonly child: ChildProcess;
  /** Every JSON log line so far (other lines are kept as `{ text }`). */
  readonly logs: Record<string, unknown>[];
  /** What it wrote to stderr. */
  stderr(): string;
  /** Resolves with the exit code, or the signal's name. */
  readonly exited: Promise<number | string>;
  /** Resolves with the first log line (past or future) that `matches`; rejects when the process exits first. */
  waitForLog(matches: (entry: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
  /** Sends a signal and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<number | string>;
}

/** Starts `main` with exactly `env` (plus PATH and HOME); TypeScript through tsx, a `.js` bundle as it is. */
export function startServiceProcess(main: string, env: Record<string, string>, nodeFlags: readonly string[] = []): ServiceProcess {
  const loader = main.endsWith('.ts') ? ['--import', 'tsx'] : [];
  return superviseProcess(spawn(process.execPath, [...nodeFlags, ...loader, main], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  }));
}

/** Collects a started service's JSON log lines and stderr (its stdout and stderr must be pipes). */
export function superviseProcess(child: ChildProcess): ServiceProcess {
  const logs: Record<string, unknown>[] = [];
  const listeners = new Set<(entry: Record<string, unknown>) => void>();
  let stderr = '';
  child.stderr!.on('data', (chunk) => { stderr = (stderr + chunk).slice(-50_000); });
  createInterface({ input: child.stdout! }).on('line', (line) => {
    let entry: Record<string, unknown>;
    try {
      entry = JSON.parse(line);
    } catch {
      entry = { text: line };
    }
    logs.push(entry);
    for (const listener of listeners) listener(entry);
  });
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  return {
    child, logs, exited, stderr: () => stderr,
    waitForLog: (matches, timeoutMs = 30_000) => new Promise((resolve, reject) => {
      const found = logs.find(matches);
      if (found) return resolve(found);
      const timer = setTimeout(() => { listeners.delete(listener); reject(new Error(`no matching log line within ${timeoutMs} ms\n${JSON.stringify(logs.slice(-20))}\n${stderr.slice(-3000)}`)); }, timeoutMs);
      const listener = (entry: Record<string, unknown>) => {
        if (!matches(entry)) return;
        clearTimeout(timer);
        listeners.delete(listener);
        resolve(entry);
      };
      listeners.add(listener);
      void exited.then((code) => {
        if (!listeners.has(listener)) return;
        clearTimeout(timer);
        listeners.delete(listener);
        reject(new Error(`the process exited with ${code} first\n${JSON.stringify(logs.slice(-20))}\n${stderr.slice(-3000)}`));
      });
    }),
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
