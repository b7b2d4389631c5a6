import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { BatchBuckets, OpenHour, SealedHours, bucketOf, carryInto, sealedRecord, summaryLines } from './hour-buckets';
import { AttemptOutcome, EVENT_ID_RETENTION_MS, MeteringLedger, MeteringRecord, SummaryLine, UsageEvent, UsageRow } from './ledger';
import { WalSync, WalSyncOptions } from './wal-sync';

/**
 * SQLite's page cache, in KiB (SQLite's own default; better-sqlite3 builds it with 16 MB, which the
 * growing table of event ids fills, measured as +15 MB resident in 40 s of events with ids).
 */
export const PAGE_CACHE_KIB = 2000;

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS ledger (owner TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS event_ids (id TEXT PRIMARY KEY, accepted_at INTEGER NOT NULL) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS event_ids_by_age ON event_ids (accepted_at);
  CREATE TABLE IF NOT EXISTS usage (
    hour INTEGER NOT NULL, dimension TEXT NOT NULL, tags TEXT NOT NULL, quantity INTEGER NOT NULL,
    PRIMARY KEY (hour, dimension, tags)) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS records (
    hour INTEGER NOT NULL, dimension TEXT NOT NULL, quantity INTEGER NOT NULL, rows TEXT NOT NULL,
    state TEXT NOT NULL, attempts INTEGER NOT NULL, next_attempt_at INTEGER NOT NULL,
    record_id TEXT, last_error TEXT, carried_to INTEGER,
    PRIMARY KEY (hour, dimension)) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS records_by_state ON records (state);
`;

interface RecordRow {
  hour: number; dimension: string; quantity: number; rows: string; state: MeteringRecord['state']; attempts: number;
  next_attempt_at: number; record_id: string | null; last_error: string | null; carried_to: number | null;
}

/**
 * The embedded ledger: a SQLite file in WAL mode, each write resolved only once it is on stable
 * storage (synchronous=FULL's durability; see WalSync), so an acknowledged write survives a crash of
 * the process or the machine. One writer (this process) owns the file. The writes run on the calling
 * thread (a few inserts); the fsyncs, the slow part, run on libuv's thread pool.
 */
export class SqliteLedger implements MeteringLedger {
  private readonly db: Database.Database;
  private readonly sealed = new SealedHours();
  private readonly statements;
  /** This ledger's identity (made when the file is created), which keeps its ClientTokens apart from other ledgers'. */
  readonly owner: string;
  private readonly wal: WalSync;

  constructor(path: string, options: WalSyncOptions = {}) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
    this.db.exec(SCHEMA);
    if (!this.db.prepare('SELECT owner FROM ledger').get()) this.db.prepare('INSERT INTO ledger (owner) VALUES (?)').run(`sqlite-${randomUUID()}`);
    this.owner = (this.db.prepare('SELECT owner FROM ledger').get() as { owner: string }).owner;
    this.statements = {
      insertId: this.db.prepare('INSERT OR IGNORE INTO event_ids (id, accepted_at) VALUES (?, ?)'),
      addUsage: this.db.prepare('INSERT INTO usage (hour, dimension, tags, quantity) VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET quantity = quantity + excluded.quantity'),
      openBuckets: this.db.prepare('SELECT DISTINCT u.hour, u.dimension FROM usage u LEFT JOIN records r USING (hour, dimension) WHERE r.hour IS NULL AND u.hour < ? ORDER BY u.hour'),
      usageRows: this.db.prepare('SELECT tags, quantity FROM usage WHERE hour = ? AND dimension = ?'),
      insertRecord: this.db.prepare("INSERT INTO records (hour, dimension, quantity, rows, state, attempts, next_attempt_at) VALUES (?, ?, ?, ?, 'sealed', 0, ?)"),
      sealedRecords: this.db.prepare("SELECT * FROM records WHERE state = 'sealed' ORDER BY hour, dimension"),
      saveAttempt: this.db.prepare("UPDATE records SET state = ?, attempts = ?, next_attempt_at = ?, record_id = ?, last_error = ? WHERE hour = ? AND dimension = ? AND state = 'sealed'"),
      markCarried: this.db.prepare("UPDATE records SET state = 'carried', carried_to = ? WHERE hour = ? AND dimension = ? AND state = 'sealed'"),
      recordsBetween: this.db.prepare('SELECT * FROM records WHERE hour >= ? AND hour < ?'),
      carriedInto: this.db.prepare('SELECT hour, dimension, carried_to FROM records WHERE carried_to >= ? AND carried_to < ?'),
      openUsageBetween: this.db.prepare('SELECT u.hour, u.dimension, SUM(u.quantity) AS quantity FROM usage u LEFT JOIN records r USING (hour, dimension) WHERE r.hour IS NULL AND u.hour >= ? AND u.hour < ? GROUP BY u.hour, u.dimension'),
      forgetIds: this.db.prepare('DELETE FROM event_ids WHERE accepted_at < ?'),
    };
    for (const { hour, dimension } of this.db.prepare('SELECT hour, dimension FROM records').all() as RecordRow[]) this.sealed.add(hour, dimension);
    this.wal = new WalSync(this.db, path, options);
  }

  /** Runs a write and resolves once it is durable. */
  private async write<T>(run: () => T): Promise<T> {
    await this.wal.beforeWrite();
    const result = run();
    await this.wal.afterCommit();
    return result;
  }

  async record(events: readonly UsageEvent[], now: number): Promise<boolean[]> {
    return this.write(this.db.transaction(() => {
      const batch = new BatchBuckets(now, this.sealed.has);
      const accepted = events.map((event) => {
        if (event.id !== undefined && this.statements.insertId.run(event.id, now).changes === 0) return false;
        batch.add(event);
        return true;
      });
      this.addBuckets(batch.buckets);
      return accepted;
    }));
  }

  private addBuckets(buckets: Map<string, number>): void {
    for (const [key, quantity] of buckets) {
      const { hour, dimension, tags } = bucketOf(key);
      this.statements.addUsage.run(hour, dimension, tags, quantity);
    }
  }

  async sealHoursBefore(before: number, now: number): Promise<MeteringRecord[]> {
    const seal = this.db.transaction(() => (this.statements.openBuckets.all(before) as RecordRow[]).map(({ hour, dimension }) => {
      const record = sealedRecord(hour, dimension, this.statements.usageRows.all(hour, dimension) as UsageRow[], now);
      this.statements.insertRecord.run(hour, dimension, record.quantity, JSON.stringify(record.rows), now);
      return record;
    }));
    const records = await this.write(() => {
      const sealed = seal();
      for (const { hour, dimension } of sealed) this.sealed.add(hour, dimension);
      return sealed;
    });
    await this.write(() => this.statements.forgetIds.run(now - EVENT_ID_RETENTION_MS));
    return records;
  }

  async sealedRecords(): Promise<MeteringRecord[]> {
    return (this.statements.sealedRecords.all() as RecordRow[]).map(toRecord);
  }

  async saveAttempt(record: MeteringRecord, outcome: AttemptOutcome): Promise<void> {
    await this.write(() => this.statements.saveAttempt.run(outcome.state, outcome.attempts, outcome.nextAttemptAt, outcome.recordId ?? null, outcome.lastError ?? null, record.hour, record.dimension));
  }

  async carryForward(record: MeteringRecord, now: number): Promise<number> {
    return this.write(this.db.transaction(() => {
      const { into, buckets } = carryInto(record.dimension, record.rows, now, this.sealed.has);
      this.addBuckets(buckets);
      this.statements.markCarried.run(into, record.hour, record.dimension);
      return into;
    }));
  }

  /** One process owns the file, so there is nobody else's usage to adopt. */
  async adoptOrphans(): Promise<number> {
    return 0;
  }

  async summary(from: number, to: number): Promise<SummaryLine[]> {
    const records = (this.statements.recordsBetween.all(from, to) as RecordRow[]).map(toRecord);
    const open = this.statements.openUsageBetween.all(from, to) as OpenHour[];
    const carried = (this.statements.carriedInto.all(from, to) as RecordRow[]).map((row) => ({ hour: row.hour, dimension: row.dimension, carriedTo: row.carried_to ?? undefined }));
    return summaryLines(records, open, carried);
  }

  async close(): Promise<void> {
    if (!this.db.open) return;
    await this.wal.close();
    this.db.close();
  }
}

function toRecord(row: RecordRow): MeteringRecord {
  return {
    hour: row.hour, dimension: row.dimension, quantity: row.quantity, rows: JSON.parse(row.rows), state: row.state,
    attempts: row.attempts, nextAttemptAt: row.next_attempt_at,
    recordId: row.record_id ?? undefined, lastError: row.last_error ?? undefined, carriedTo: row.carried_to ?? undefined,
  };
}
