import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import { MeteringServiceStandIn, startMeteringServiceStandIn } from '../../../qa/stand-ins/marketplace-metering';
import { hourIso, hourOf } from '../ledger/hours';
import { SqliteLedger } from '../ledger/sqlite-ledger';
import { temporaryDirectory } from '../tools/temporary-directory';
import { DIMENSIONS, PRODUCT_CODE } from './harness';
import { SidecarProcess, startSidecarProcess } from './sidecar-process';

let standIn: MeteringServiceStandIn;
let dir: ReturnType<typeof temporaryDirectory>;
let running: SidecarProcess[] = [];

const env = () => ({
  METERING_MODE: 'custom', METERING_PRODUCT_CODE: PRODUCT_CODE, METERING_DIMENSIONS: DIMENSIONS.join(','), AWS_REGION: 'us-east-1',
  METERING_ENDPOINT: standIn.endpoint, METERING_STORAGE: `sqlite:${join(dir.path, 'ledger.sqlite')}`,
  AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing',
});
const start = async () => { const sidecar = await startSidecarProcess(env()); running.push(sidecar); return sidecar; };
const post = (sidecar: SidecarProcess, body: unknown) => fetch(`${sidecar.url}/v1/usage`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const storedTotal = async () => {
  const ledger = new SqliteLedger(join(dir.path, 'ledger.sqlite'));
  const lines = await ledger.summary(0, Date.now() + 7_200_000);
  await ledger.close();
  return { total: lines.filter((line) => line.state !== 'carried').reduce((sum, line) => sum + line.quantity, 0), lines };
};

describe('the sidecar process', () => {
  before(async () => { standIn = await startMeteringServiceStandIn({ dimensions: DIMENSIONS }); });
  after(() => standIn.stop());
  beforeEach(() => { dir = temporaryDirectory(); standIn.metered.clear(); standIn.calls.length = 0; });
  afterEach(() => {
    for (const sidecar of running) if (sidecar.child.exitCode === null) sidecar.child.kill('SIGKILL');
    running = [];
    dir.remove();
  });

  test('when it gets SIGTERM, then it refuses new usage, seals and sends the current hour, closes the ledger and exits 0', async () => {
    const sidecar = await start();
    assert.equal((await post(sidecar, [{ dimension: 'AutomationRuns', quantity: 4 }, { dimension: 'AiAssistedSteps', quantity: 2 }])).status, 202);
    standIn.inject('throttle');
    sidecar.child.kill('SIGTERM');
    assert.equal(await sidecar.exited, 0);
    const hour = hourIso(hourOf(Date.now()));
    assert.equal(standIn.metered.get(`${hour}|AutomationRuns`)?.quantity, 4);
    assert.equal(standIn.metered.get(`${hour}|AiAssistedSteps`)?.quantity, 2);
    assert.deepEqual((await storedTotal()).lines.map((line) => line.state), ['sent', 'sent']);
    assert.ok(sidecar.logs.some((line) => line.message === 'metering sidecar stopped' && line.unsentRecords === 0));
  });

  test('when it restarts after its hour was sent at shutdown, then new usage of that hour goes to the next hour and nothing is reported twice', async () => {
    const first = await start();
    await post(first, { dimension: 'AutomationRuns', quantity: 1 });
    first.child.kill('SIGTERM');
    await first.exited;
    const second = await start();
    assert.equal((await post(second, { dimension: 'AutomationRuns', quantity: 9 })).status, 202);
    const { lines } = await storedTotal();
    assert.deepEqual(lines.map((line) => [line.quantity, line.state]), [[1, 'sent'], [9, 'open']]);
    assert.equal(lines[1].hour, hourIso(hourOf(Date.now()) + 3_600_000));
  });

  test('when it is killed with SIGKILL under load, then after a restart every acknowledged event is counted exactly once', async () => {
    const sidecar = await start();
    const acknowledged = new Set<string>();
    const attempted: { id: string; dimension: string; quantity: number }[] = [];
    let sequence = 0;
    const loadUntil = Date.now() + 4000;
    const client = async () => {
      while (Date.now() < loadUntil) {
        const batch = Array.from({ length: 20 }, () => ({ id: `event-${(sequence += 1)}`, dimension: DIMENSIONS[sequence % 2], quantity: 1 }));
        attempted.push(...batch);
        try {
          const response = await post(sidecar, batch);
          if (response.status === 202) for (const event of batch) acknowledged.add(event.id);
        } catch {
          return;
        }
      }
    };
    const load = Promise.all(Array.from({ length: 8 }, client));
    setTimeout(() => sidecar.child.kill('SIGKILL'), 1000);
    await load;
    assert.equal(await sidecar.exited, 'SIGKILL');
    assert.ok(acknowledged.size > 100, `only ${acknowledged.size} events were acknowledged before the kill`);

    const restarted = await start();
    const afterCrash = await storedTotal();
    assert.ok(afterCrash.total >= acknowledged.size, `${afterCrash.total} stored < ${acknowledged.size} acknowledged`);
    const resend = async (events: typeof attempted) => {
      let accepted = 0;
      let duplicates = 0;
      for (let offset = 0; offset < events.length; offset += 1000) {
        const answer = await (await post(restarted, events.slice(offset, offset + 1000))).json() as { accepted: number; duplicates: number };
        accepted += answer.accepted;
        duplicates += answer.duplicates;
      }
      return { accepted, duplicates };
    };
    assert.deepEqual(await resend(attempted.filter((event) => acknowledged.has(event.id))), { accepted: 0, duplicates: acknowledged.size },
      'every acknowledged event is already in the ledger after the crash');
    const unacknowledged = attempted.filter((event) => !acknowledged.has(event.id));
    const retried = await resend(unacknowledged);
    assert.equal(retried.accepted + retried.duplicates, unacknowledged.length);
    assert.equal((await storedTotal()).total, attempted.length, 'once every client retried, each event is counted exactly once');
  });
});
