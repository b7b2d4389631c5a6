import assert from 'node:assert/strict';
import { readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { SqliteLedger } from '../ledger/sqlite-ledger';
import { SyncFile } from '../ledger/wal-sync';
import { temporaryDirectory } from '../tools/temporary-directory';

const T0 = Date.parse('2026-11-23T10:20:00Z');
const event = (id?: string) => ({ dimension: 'Runs', quantity: 1, timestamp: T0, id });

/** A SyncFile that records which file each fsync was for and holds it until released. */
function heldSyncs() {
  const calls: { file: 'wal' | 'database'; release: (error?: Error) => void }[] = [];
  const sync: SyncFile = (fd) => new Promise((resolve, reject) => {
    calls.push({ file: readlinkSync(`/proc/self/fd/${fd}`).endsWith('-wal') ? 'wal' : 'database', release: (error) => (error ? reject(error) : resolve()) });
  });
  return { calls, sync };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('the SQLite ledger\'s durability', () => {
  test('when a write commits, then it resolves only after the WAL is synced', async () => {
    const dir = temporaryDirectory();
    const { calls, sync } = heldSyncs();
    const ledger = new SqliteLedger(join(dir.path, 'ledger.sqlite'), { sync, checkpointIntervalMs: 60_000 });
    try {
      let settled = false;
      const recorded = ledger.record([event('a')], T0).then((accepted) => { settled = true; return accepted; });
      await turn();
      assert.deepEqual(calls.map((call) => call.file), ['wal']);
      assert.equal(settled, false);
      calls[0].release();
      assert.deepEqual(await recorded, [true]);
    } finally {
      await ledger.close();
      dir.remove();
    }
  });

  test('when a checkpoint is due, then the database file is synced after the WAL and before the next write starts', async () => {
    const dir = temporaryDirectory();
    const { calls, sync } = heldSyncs();
    const ledger = new SqliteLedger(join(dir.path, 'ledger.sqlite'), { sync, checkpointIntervalMs: 0 });
    try {
      const first = ledger.record([event('a')], T0);
      await turn();
      calls[0].release();
      await turn();
      assert.deepEqual(calls.map((call) => call.file), ['wal', 'database']);
      const second = ledger.record([event('a')], T0);
      await turn();
      assert.equal(calls.length, 2, 'the second write waits for the checkpoint');
      calls[1].release();
      assert.deepEqual(await first, [true]);
      await turn();
      assert.deepEqual(calls.map((call) => call.file), ['wal', 'database', 'wal']);
      calls[2].release();
      await turn();
      calls[3].release();
      assert.deepEqual(await second, [false]);
    } finally {
      for (const call of calls) call.release();
      await ledger.close();
      dir.remove();
    }
  });

  test('when an fsync fails, then the write rejects and every later write is refused, because the kernel may have dropped the pages', async () => {
    const dir = temporaryDirectory();
    const { calls, sync } = heldSyncs();
    const ledger = new SqliteLedger(join(dir.path, 'ledger.sqlite'), { sync, checkpointIntervalMs: 60_000 });
    try {
      const recorded = ledger.record([event('a')], T0);
      await turn();
      calls[0].release(new Error('EIO: i/o error, fdatasync'));
      await assert.rejects(recorded, /could not be synced \(EIO/);
      await assert.rejects(ledger.record([event('b')], T0), /could not be synced/);
      assert.equal(calls.length, 1);
    } finally {
      await ledger.close();
      dir.remove();
    }
  });

  test('when the ledger is reopened after writes and checkpoints, then it holds every write', async () => {
    const dir = temporaryDirectory();
    const path = join(dir.path, 'ledger.sqlite');
    try {
      const ledger = new SqliteLedger(path, { checkpointIntervalMs: 0 });
      for (let i = 0; i < 20; i += 1) await ledger.record([event(`e${i}`)], T0);
      const [sealed] = await ledger.sealHoursBefore(T0 + 3_600_000, T0);
      assert.equal(sealed.quantity, 20);
      await ledger.close();
      const reopened = new SqliteLedger(path);
      assert.equal(reopened.owner, ledger.owner);
      assert.deepEqual((await reopened.sealedRecords()).map((record) => record.quantity), [20]);
      assert.deepEqual(await reopened.record([event('e3'), event('new')], T0), [false, true]);
      await reopened.close();
    } finally {
      dir.remove();
    }
  });

  test('when the file cannot be opened, then the ledger reports SQLite\'s reason', () => {
    assert.throws(() => new SqliteLedger('/nonexistent-directory/ledger.sqlite'), /directory does not exist|unable to open/);
  });
});
