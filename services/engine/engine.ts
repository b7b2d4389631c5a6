import { writeFile } from 'node:fs/promises';
import { ENGINE_HEARTBEAT_FILE, ENGINE_HEARTBEAT_SECONDS } from './contract';
import { RunExecutor } from './runs/run-executor';
import { RunQueue } from './runs/run-queue';
import { EngineStopping } from './runs/stop-reasons';

/** Options of {@link Engine}. */
export interface EngineOptions {
  readonly queue: RunQueue;
  readonly executor: RunExecutor;
  /** Runs executed at once. */
  readonly concurrency: number;
  /** How long an idle engine waits before it looks for queued runs again. */
  readonly pollMs: number;
  readonly log: (entry: Record<string, unknown>) => void;
  /** Other loops that stop with the engine (the approved-actions consumer). */
  readonly companions?: readonly { start(stop: AbortSignal): Promise<void> }[];
  /** @default the container's health-check file */
  readonly heartbeatFile?: string;
}

/**
 * The engine's loop: claims queued runs up to its concurrency and executes each; on stop it claims
 * nothing more, lets running runs finish until the drain deadline, then releases the rest so another
 * engine resumes them at once.
 */
export class Engine {
  private readonly active = new Set<Promise<void>>();
  private readonly companions: Promise<void>[] = [];
  private readonly stopClaiming = new AbortController();
  private readonly giveUp = new AbortController();
  private loop?: Promise<void>;
  private wake?: () => void;

  constructor(private readonly options: EngineOptions) {}

  start(): void {
    this.loop = this.claimLoop();
    for (const companion of this.options.companions ?? []) {
      this.companions.push(companion.start(this.stopClaiming.signal).catch((error) => this.options.log({ level: 'error', message: 'engine companion stopped', error: String(error) })));
    }
  }

  /** Runs in progress now. */
  get running(): number {
    return this.active.size;
  }

  /** Stops claiming, waits up to `drainMs` for running runs, releases what is left, and resolves when all have settled. */
  async stop(drainMs: number): Promise<void> {
    this.stopClaiming.abort();
    this.wake?.();
    await Promise.all([this.loop, ...this.companions]);
    const drained = Promise.all(this.active);
    const deadline = new Promise<'deadline'>((resolve) => setTimeout(() => resolve('deadline'), drainMs).unref());
    if (await Promise.race([drained.then(() => 'drained' as const), deadline]) === 'deadline') {
      this.options.log({ level: 'warn', message: 'drain deadline reached; releasing running runs', running: this.active.size });
      this.giveUp.abort(new EngineStopping());
      await drained;
    }
  }

  private async claimLoop(): Promise<void> {
    let lastHeartbeat = 0;
    while (!this.stopClaiming.signal.aborted) {
      if (Date.now() - lastHeartbeat >= ENGINE_HEARTBEAT_SECONDS * 1000) {
        lastHeartbeat = Date.now();
        await writeFile(this.options.heartbeatFile ?? ENGINE_HEARTBEAT_FILE, new Date().toISOString()).catch(() => undefined);
      }
      let claimed = false;
      const free = this.options.concurrency - this.active.size;
      if (free > 0) {
        try {
          for (const lease of await this.options.queue.claimUpTo(free)) {
            claimed = true;
            this.track(this.options.executor.execute(lease, this.giveUp.signal));
          }
        } catch (error) {
          this.options.log({ level: 'error', message: 'could not look for queued runs', error: String(error) });
        }
      }
      if (!claimed) await this.idle();
    }
  }

  /** Waits for the poll interval, or less when a run ends and makes room. */
  private idle(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, this.options.pollMs);
      this.wake = () => { clearTimeout(timer); resolve(); };
    });
  }

  private track(work: Promise<void>): void {
    const tracked = work.finally(() => {
      this.active.delete(tracked);
      if (this.active.size === this.options.concurrency - 1) this.wake?.();
    });
    this.active.add(tracked);
  }
}
