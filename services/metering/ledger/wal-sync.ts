import type Database from 'better-sqlite3';
import { closeSync, fdatasync, fsyncSync, openSync } from 'node:fs';
import { dirname } from 'node:path';

/** How often the WAL is copied into the database file. */
export const CHECKPOINT_INTERVAL_MS = 1000;

/** Flushes a file's data to stable storage; the default runs fdatasync on libuv's thread pool. */
export type SyncFile = (fd: number) => Promise<void>;

const fdatasyncOnThreadPool: SyncFile = (fd) => new Promise((resolve, reject) => fdatasync(fd, (error) => (error ? reject(error) : resolve())));

/** Options of {@link WalSync}. */
export interface WalSyncOptions {
  /** @default fdatasync on libuv's thread pool */
  readonly sync?: SyncFile;
  /** @default CHECKPOINT_INTERVAL_MS */
  readonly checkpointIntervalMs?: number;
}

/**
 * The durability of `synchronous = FULL` with its fsyncs off the JavaScript thread. In WAL mode FULL
 * differs from NORMAL only by an fsync of the WAL after each commit; here SQLite runs with NORMAL and
 * {@link afterCommit} fdatasyncs the WAL on libuv's thread pool before the caller may acknowledge
 * anything. Checkpoints are taken here too (automatic ones are off), in NORMAL's order (WAL synced,
 * pages copied, database file synced) but with both fsyncs off the thread, and no write may start
 * until the database file is synced, because the next write restarts the WAL over the copied frames.
 * That restart's header fsync SQLite still does itself, on this thread, once per checkpoint (about
 * once a second under load): new frames must not reach the disk before the new header, or a crash
 * could replay stale frames over checkpointed pages.
 */
export class WalSync {
  private readonly sync: SyncFile;
  private readonly intervalMs: number;
  private readonly walFd: number;
  private readonly databaseFd: number;
  private lastCheckpoint = Date.now();
  private checkpointing: Promise<void> = Promise.resolve();
  private failure?: Error;

  /** Call once the connection is in WAL mode and has written (so the WAL file exists). */
  constructor(private readonly db: Database.Database, path: string, options: WalSyncOptions = {}) {
    this.sync = options.sync ?? fdatasyncOnThreadPool;
    this.intervalMs = options.checkpointIntervalMs ?? CHECKPOINT_INTERVAL_MS;
    db.pragma('synchronous = NORMAL');
    db.pragma('wal_autocheckpoint = 0');
    // SQLite keeps this WAL file (it truncates or rewrites it, never replaces it) until the connection closes.
    this.walFd = openSync(`${path}-wal`, 'r+');
    this.databaseFd = openSync(path, 'r+');
    const directory = openSync(dirname(path), 'r');
    try {
      fsyncSync(directory);
    } finally {
      closeSync(directory);
    }
  }

  /** Waits for a checkpoint in progress; call before a write transaction. */
  async beforeWrite(): Promise<void> {
    await this.checkpointing.catch(() => undefined);
    if (this.failure) throw this.failure;
  }

  /** Makes every commit so far durable (and checkpoints when due); rejects, and refuses from then on, when an fsync fails. */
  async afterCommit(): Promise<void> {
    try {
      await this.sync(this.walFd);
      if (Date.now() - this.lastCheckpoint >= this.intervalMs) {
        this.checkpointing = this.checkpoint();
        await this.checkpointing;
      }
    } catch (error) {
      // After a failed fsync the kernel may have dropped the dirty pages; later fsyncs would succeed without them.
      this.failure ??= new Error(`the ledger file could not be synced (${(error as Error).message}); restart the sidecar`);
      throw this.failure;
    }
  }

  private async checkpoint(): Promise<void> {
    this.lastCheckpoint = Date.now();
    this.db.pragma('synchronous = OFF');
    try {
      this.db.pragma('wal_checkpoint(PASSIVE)');
    } finally {
      this.db.pragma('synchronous = NORMAL');
    }
    await this.sync(this.databaseFd);
  }

  /** Waits for a checkpoint in progress and closes the files (before the connection closes, which checkpoints with NORMAL's fsyncs). */
  async close(): Promise<void> {
    await this.checkpointing.catch(() => undefined);
    closeSync(this.walFd);
    closeSync(this.databaseFd);
  }
}
