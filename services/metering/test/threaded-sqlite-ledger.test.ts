import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ThreadedSqliteLedger } from '../ledger/threaded-sqlite-ledger';
import { temporaryDirectory } from './harness';

const T0 = Date.parse('2026-11-23T10:20:00Z');

describe('the SQLite ledger on its worker thread', () => {
  test('when events are recorded and the hour sealed, then the thread answers as the ledger does, and a reopened file keeps it all', async () => {
    const dir = temporaryDirectory();
    try {
      const ledger = await ThreadedSqliteLedger.open(join(dir.path, 'ledger.sqlite'));
      assert.deepEqual(await ledger.record([{ dimension: 'Runs', quantity: 2, timestamp: T0, id: 'a' }, { dimension: 'Runs', quantity: 2, timestamp: T0, id: 'a' }], T0), [true, false]);
      const [sealed] = await ledger.sealHoursBefore(T0 + 3_600_000, T0);
      assert.equal(sealed.quantity, 2);
      await ledger.close();
      await assert.rejects(ledger.record([], T0), /closed/);
      const reopened = await ThreadedSqliteLedger.open(join(dir.path, 'ledger.sqlite'));
      assert.equal(reopened.owner, ledger.owner);
      assert.deepEqual((await reopened.sealedRecords()).map((record) => record.quantity), [2]);
      await reopened.close();
    } finally {
      dir.remove();
    }
  });

  test('when the ledger thread dies, then a pending call settles and later calls reject instead of hanging', async () => {
    const dir = temporaryDirectory();
    try {
      const ledger = await ThreadedSqliteLedger.open(join(dir.path, 'ledger.sqlite'));
      const pending = ledger.record([{ dimension: 'Runs', quantity: 1, timestamp: T0 }], T0);
      await (ledger as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
      await Promise.allSettled([pending]);
      await assert.rejects(ledger.record([{ dimension: 'Runs', quantity: 1, timestamp: T0 }], T0), /closed/);
    } finally {
      dir.remove();
    }
  });

  test('when the file cannot be opened, then open rejects with SQLite\'s reason', async () => {
    await assert.rejects(ThreadedSqliteLedger.open('/nonexistent-directory/ledger.sqlite'), /directory does not exist|unable to open/);
  });
});
