import { Db } from 'mongodb';
import { AUDIT_LOGS, BOT_DEFINITIONS } from '../../workspace-data/documents/collections';
import { Migration } from './migrate';

async function ensureCollection(db: Db, name: string): Promise<void> {
  const existing = await db.listCollections({ name }, { nameOnly: true }).toArray();
  if (existing.length === 0) await db.createCollection(name);
}

/** The engine's DocumentDB schema, oldest first; a new version is appended, never edited once released. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'bot_definitions with one document per workflow version; audit_logs by time and by target',
    async up(db) {
      await ensureCollection(db, BOT_DEFINITIONS);
      await ensureCollection(db, AUDIT_LOGS);
      await db.collection(BOT_DEFINITIONS).createIndex({ workflowId: 1, version: 1 }, { unique: true, name: 'workflow_version' });
      await db.collection(AUDIT_LOGS).createIndex({ at: -1 }, { name: 'by_time' });
      await db.collection(AUDIT_LOGS).createIndex({ target: 1, at: -1 }, { name: 'by_target' });
    },
  },
];
