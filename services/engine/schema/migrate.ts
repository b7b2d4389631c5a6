import { Db, MongoServerError } from 'mongodb';

/** One step of the DocumentDB schema; each is additive, so the schema before it stays usable if it fails. */
export interface Migration {
  readonly version: number;
  readonly description: string;
  up(db: Db): Promise<void>;
}

/** The collection that records the schema version and holds the migration lock. */
export const SCHEMA_COLLECTION = 'engine_schema';
const LOCK_SECONDS = 120;
const DUPLICATE_KEY = 11000;

/** The database was migrated by a newer engine; this one would not understand it. */
export class SchemaTooNewError extends Error {
  override readonly name = 'SchemaTooNewError';
  constructor(readonly stored: number, readonly known: number) {
    super(`the DocumentDB schema is at version ${stored}, but this engine knows versions up to ${known}; `
      + `run the engine of the workspace version that migrated it (or newer) instead of rolling back`);
  }
}

interface SchemaRecord {
  _id: 'schema' | 'lock';
  version?: number;
  owner?: string;
  until?: Date;
  history?: { version: number; description: string; appliedAt: Date; by: string }[];
}

/** Options of {@link migrate}. */
export interface MigrateOptions {
  /** Who migrates, recorded with each version (the engine's ID). */
  readonly owner: string;
  /** How long to wait for another engine's migration. @default 120 s */
  readonly waitMs?: number;
}

/**
 * Brings the schema up to the last of `migrations`, once however many engines start together: the
 * engine that takes the lock applies each missing version in order and records it as it completes;
 * the others wait until the version is current. Refuses a schema newer than this engine knows.
 * Resolves with the version the database is at.
 */
export async function migrate(db: Db, migrations: readonly Migration[], options: MigrateOptions): Promise<number> {
  const known = Math.max(0, ...migrations.map((migration) => migration.version));
  const schema = db.collection<SchemaRecord>(SCHEMA_COLLECTION);
  const deadline = Date.now() + (options.waitMs ?? LOCK_SECONDS * 1000);
  for (;;) {
    const stored = await storedVersion(db);
    if (stored > known) throw new SchemaTooNewError(stored, known);
    if (stored === known) return stored;
    if (await takeLock(db, options.owner)) {
      try {
        return await applyMissing(db, migrations, options.owner);
      } finally {
        await schema.deleteOne({ _id: 'lock', owner: options.owner });
      }
    }
    if (Date.now() > deadline) throw new Error(`another engine has held the migration lock for over ${LOCK_SECONDS} s; check its log, or remove the lock document from ${SCHEMA_COLLECTION}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The version the database is at; 0 before the first migration. */
export async function storedVersion(db: Db): Promise<number> {
  const record = await db.collection<SchemaRecord>(SCHEMA_COLLECTION).findOne({ _id: 'schema' });
  return record?.version ?? 0;
}

async function applyMissing(db: Db, migrations: readonly Migration[], owner: string): Promise<number> {
  let version = await storedVersion(db);
  const known = Math.max(0, ...migrations.map((migration) => migration.version));
  if (version > known) throw new SchemaTooNewError(version, known);
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    if (migration.version <= version) continue;
    await migration.up(db);
    await db.collection<SchemaRecord>(SCHEMA_COLLECTION).updateOne({ _id: 'schema' }, {
      $set: { version: migration.version },
      $push: { history: { version: migration.version, description: migration.description, appliedAt: new Date(), by: owner } },
    }, { upsert: true });
    version = migration.version;
  }
  return version;
}

/** Takes the lock, or an expired one (its holder died mid-migration); false when another engine holds it. */
async function takeLock(db: Db, owner: string): Promise<boolean> {
  const schema = db.collection<SchemaRecord>(SCHEMA_COLLECTION);
  const until = new Date(Date.now() + LOCK_SECONDS * 1000);
  try {
    await schema.insertOne({ _id: 'lock', owner, until });
    return true;
  } catch (error) {
    if (!(error instanceof MongoServerError) || error.code !== DUPLICATE_KEY) throw error;
  }
  const taken = await schema.findOneAndUpdate({ _id: 'lock', until: { $lt: new Date() } }, { $set: { owner, until } });
  return taken !== null;
}
