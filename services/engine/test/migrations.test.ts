import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { Db } from 'mongodb';
import { LocalDocumentDb, startLocalDocumentDb } from '../../../qa/local-documentdb/ferretdb-server';
import { localDocumentDbConnection } from '../../../qa/local-workspace/workspace-data';
import { DocumentDbConnection } from '../../workspace-data/documents/connection';
import { BOT_DEFINITIONS } from '../../workspace-data/documents/collections';
import { Migration, migrate, SCHEMA_COLLECTION, SchemaTooNewError, storedVersion } from '../schema/migrate';
import { MIGRATIONS } from '../schema/migrations';

const laterMigration = (up: (db: Db) => Promise<void>): Migration => ({ version: MIGRATIONS.length + 1, description: 'a later release', up });

describe('DocumentDB schema migrations (FerretDB)', () => {
  let documentDb: LocalDocumentDb;
  const connections: DocumentDbConnection[] = [];
  const freshDatabase = () => {
    const connection = localDocumentDbConnection(documentDb, `migrations_${randomUUID().slice(0, 8)}`);
    connections.push(connection);
    return connection;
  };

  before(async () => { documentDb = await startLocalDocumentDb(); });
  after(async () => {
    await Promise.all(connections.map((connection) => connection.close()));
    await documentDb.stop();
  });

  test('when the database is new, then the collections and the unique version index are created and version 1 is recorded with who applied it', async () => {
    const connection = freshDatabase();
    assert.equal(await connection.use((db) => migrate(db, MIGRATIONS, { owner: 'engine-a' })), 1);
    await connection.use(async (db) => {
      const names = (await db.listCollections().toArray()).map((collection) => collection.name).sort();
      assert.deepEqual(names.filter((name) => name !== SCHEMA_COLLECTION), ['audit_logs', 'bot_definitions']);
      await db.collection(BOT_DEFINITIONS).insertOne({ workflowId: 'w', version: 1 });
      await assert.rejects(db.collection(BOT_DEFINITIONS).insertOne({ workflowId: 'w', version: 1 }), /duplicate key/i);
      const record = await db.collection(SCHEMA_COLLECTION).findOne({ _id: 'schema' as never });
      assert.deepEqual(record?.history.map((entry: { version: number; by: string }) => [entry.version, entry.by]), [[1, 'engine-a']]);
    });
  });

  test('when two engines start at once, then the schema is migrated once and both see the current version', async () => {
    const connection = freshDatabase();
    let applied = 0;
    const counted: Migration[] = MIGRATIONS.map((migration) => ({ ...migration, up: async (db) => { applied += 1; await new Promise((resolve) => setTimeout(resolve, 300)); await migration.up(db); } }));
    const versions = await Promise.all(['engine-a', 'engine-b', 'engine-c'].map((owner) => connection.use((db) => migrate(db, counted, { owner }))));
    assert.deepEqual(versions, [1, 1, 1]);
    assert.equal(applied, 1);
  });

  test('when an engine older than the stored schema starts, then it refuses naming both versions', async () => {
    const connection = freshDatabase();
    await connection.use((db) => migrate(db, [...MIGRATIONS, laterMigration(async () => undefined)], { owner: 'new-engine' }));
    await assert.rejects(connection.use((db) => migrate(db, MIGRATIONS, { owner: 'old-engine' })), (error: unknown) =>
      error instanceof SchemaTooNewError && /schema is at version 2, but this engine knows versions up to 1/.test(error.message));
  });

  test('when a migration fails, then the previous version stays recorded and usable, and the lock is given back', async () => {
    const connection = freshDatabase();
    await connection.use((db) => migrate(db, MIGRATIONS, { owner: 'engine-a' }));
    await connection.use((db) => db.collection(BOT_DEFINITIONS).insertOne({ workflowId: 'w', version: 1, definitionJson: '{}' }));
    const failing = laterMigration(async () => { throw new Error('index build failed'); });
    await assert.rejects(connection.use((db) => migrate(db, [...MIGRATIONS, failing], { owner: 'engine-b' })), /index build failed/);
    assert.equal(await connection.use((db) => storedVersion(db)), 1);
    assert.equal(await connection.use((db) => migrate(db, MIGRATIONS, { owner: 'engine-a' })), 1);
    assert.equal(await connection.use((db) => db.collection(BOT_DEFINITIONS).countDocuments({ workflowId: 'w' })), 1);
    assert.equal(await connection.use((db) => db.collection(SCHEMA_COLLECTION).countDocuments({ _id: 'lock' as never })), 0);
  });

  test('when the master password was rotated after the engine read it, then the failed authentication reads the secret again and the operation succeeds', async () => {
    const admin = freshDatabase();
    const rotated = 'rotated-password-2';
    await admin.use((db) => db.admin().command({ updateUser: documentDb.username, pwd: rotated }));
    try {
      const secretReads = [documentDb.password, rotated];
      let reads = 0;
      const engine = new DocumentDbConnection({
        host: documentDb.host, port: documentDb.port, caFile: documentDb.caFile, database: 'rotation', replicaSet: '',
        credentials: async () => ({ username: documentDb.username, password: secretReads[Math.min(reads++, 1)] }),
      });
      connections.push(engine);
      assert.deepEqual(await engine.use((db) => db.command({ ping: 1 })), { ok: 1 });
      assert.equal(reads, 2);
    } finally {
      const rotatedAdmin = new DocumentDbConnection({
        host: documentDb.host, port: documentDb.port, caFile: documentDb.caFile, database: 'admin', replicaSet: '',
        credentials: async () => ({ username: documentDb.username, password: rotated }),
      });
      await rotatedAdmin.use((db) => db.admin().command({ updateUser: documentDb.username, pwd: documentDb.password }));
      await rotatedAdmin.close();
    }
  });
});
