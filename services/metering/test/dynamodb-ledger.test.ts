import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import request from 'supertest';
import { LocalAws, startLocalAws } from '../../../qa/local-aws/moto-server';
import { createWorkspaceTable, localDynamoDb } from '../../../qa/local-aws/workspace-table';
import { startMeteringServiceStandIn } from '../../../qa/stand-ins/marketplace-metering';
import { recordFunctionUsage } from '../function-usage';
import { HOUR_MS } from '../ledger/hours';
import { DEAD_AFTER_MS, DynamoDbLedger } from '../ledger/dynamodb-ledger';
import { readConfig } from '../server/config';
import { silentLogger } from '../server/log';
import { startSidecar } from '../server/sidecar';
import { DIMENSIONS, LOCAL_CREDENTIALS, PRODUCT_CODE, meteredTotals, startHarness } from './harness';

const T0 = Date.parse('2026-11-23T10:20:00Z');
const runs = (quantity: number, id?: string, timestamp = T0) => ({ dimension: 'AutomationRuns', quantity, timestamp, id });
const total = async (ledger: DynamoDbLedger, states = ['open', 'sealed', 'sent']) =>
  (await ledger.summary(0, T0 + 48 * HOUR_MS)).filter((line) => states.includes(line.state)).reduce((sum, line) => sum + line.quantity, 0);

describe('the DynamoDB ledger (moto)', () => {
  let aws: LocalAws;
  let client: DynamoDBClient;
  let table: string;
  before(async () => { aws = await startLocalAws(); client = localDynamoDb(aws); });
  after(() => aws.stop());
  beforeEach(async () => { table = await createWorkspaceTable(client); });

  test('when events repeat an id, in one call, across calls or across tasks, then each id is counted once', async () => {
    const a = await DynamoDbLedger.open(client, table, 'task-a', T0);
    const b = await DynamoDbLedger.open(client, table, 'task-b', T0);
    assert.deepEqual(await a.record([runs(1, 'x'), runs(1, 'x'), runs(2, 'y'), runs(4)], T0), [true, false, true, true]);
    assert.deepEqual(await a.record([runs(2, 'y'), runs(8, 'z')], T0), [false, true]);
    assert.deepEqual(await b.record([runs(8, 'z'), runs(16, 'w')], T0), [false, true]);
    assert.equal(await total(a), 15);
    assert.equal(await total(b), 16);
  });

  test('when a batch holds more events than one transaction, then it is split and every new id is stored with its usage', async () => {
    const ledger = await DynamoDbLedger.open(client, table, 'task-a', T0);
    const events = Array.from({ length: 230 }, (_, i) => runs(1, `e-${i}`));
    await ledger.record(events.slice(0, 60), T0);
    const accepted = await ledger.record(events, T0);
    assert.equal(accepted.filter(Boolean).length, 170);
    assert.equal(await total(ledger), 230);
  });

  test('when the hour ends, then the sidecar seals and sends it from the DynamoDB ledger, and a reopened ledger knows it is sealed', async () => {
    const h = await startHarness({ start: '2026-11-23T10:20:00Z', ledger: () => DynamoDbLedger.open(client, table, 'task-a', T0) });
    try {
      await request(h.app).post('/v1/usage').send([{ dimension: 'AutomationRuns', quantity: 3, id: 'r1' }, { dimension: 'AiAssistedSteps', quantity: 2, allocations: [{ quantity: 2, tags: { team: 'red' } }] }]).expect(202);
      h.clock.set('2026-11-23T11:06:00Z');
      h.standIn.inject('throttle');
      await h.reporter.flush();
      h.clock.advance(10 * 60_000);
      await h.reporter.flush();
      assert.deepEqual(meteredTotals(h.standIn), { AutomationRuns: 3, AiAssistedSteps: 2 });
      const reopened = await DynamoDbLedger.open(client, table, 'task-a', h.clock());
      assert.deepEqual(await reopened.record([runs(5, undefined, Date.parse('2026-11-23T10:30:00Z'))], h.clock()), [true]);
      assert.deepEqual((await reopened.summary(T0 - HOUR_MS, T0 + 3 * HOUR_MS)).map((line) => [line.hour, line.dimension, line.quantity, line.state]), [
        ['2026-11-23T10:00:00.000Z', 'AiAssistedSteps', 2, 'sent'],
        ['2026-11-23T10:00:00.000Z', 'AutomationRuns', 3, 'sent'],
        ['2026-11-23T11:00:00.000Z', 'AutomationRuns', 5, 'open'],
      ]);
    } finally {
      await h.close();
    }
  });

  // The two live tasks flush one after the other: moto does not isolate concurrent transactions (both could pass the
  // same condition), where DynamoDB cancels the second with a TransactionConflict that tryAdopt leaves for the next flush.
  test('when a task dies with open and sealed usage, then the flushes of two live tasks adopt it exactly once into one current hour', async () => {
    const dead = await DynamoDbLedger.open(client, table, 'task-dead', T0);
    await dead.record([runs(7, 'd1', T0 - HOUR_MS), runs(5, 'd2')], T0);
    await dead.sealHoursBefore(T0 - 10 * 60_000, T0);
    const later = T0 + DEAD_AFTER_MS + 60_000;
    const b = await DynamoDbLedger.open(client, table, 'task-b', later);
    const c = await DynamoDbLedger.open(client, table, 'task-c', later);
    const adopted = [await b.adoptOrphans(later), await c.adoptOrphans(later)];
    assert.equal(adopted[0] + adopted[1], 2);
    assert.equal(await total(b) + await total(c), 12);
    assert.deepEqual(await b.adoptOrphans(later) + await c.adoptOrphans(later), 0);
    assert.equal(await total(dead), 0);
    assert.equal((await dead.summary(0, later + HOUR_MS)).find((line) => line.state === 'carried')?.quantity, 7);
  });

  test('when a task is alive (recent heartbeat), then nobody adopts its usage', async () => {
    const alive = await DynamoDbLedger.open(client, table, 'task-alive', T0);
    await alive.record([runs(3)], T0);
    const other = await DynamoDbLedger.open(client, table, 'task-other', T0 + 60_000);
    assert.equal(await other.adoptOrphans(T0 + 60_000), 0);
    assert.equal(await total(alive), 3);
  });

  test('when a Lambda function records usage, then it is validated, idempotent by id, and adopted by a sidecar into its current hour', async () => {
    const options = { client, table, dimensions: DIMENSIONS, now: T0 };
    assert.deepEqual(await recordFunctionUsage([{ dimension: 'AiAssistedSteps', quantity: 2, id: 'fn-1' }, { dimension: 'AiAssistedSteps', quantity: 2, id: 'fn-1' }], options), { accepted: 1, duplicates: 1 });
    await assert.rejects(recordFunctionUsage({ dimension: 'Nope', quantity: 1 }, options), /unknown dimension/);
    const sidecar = await DynamoDbLedger.open(client, table, 'task-b', T0 + 60_000);
    assert.equal(await sidecar.adoptOrphans(T0 + 60_000), 1);
    assert.deepEqual((await sidecar.summary(T0 - HOUR_MS, T0 + HOUR_MS)).map((line) => [line.dimension, line.quantity, line.state]), [['AiAssistedSteps', 2, 'open']]);
    assert.deepEqual(await recordFunctionUsage({ dimension: 'AiAssistedSteps', quantity: 2, id: 'fn-1' }, options), { accepted: 0, duplicates: 1 });
  });

  test('when the sidecar runs on the table and stops, then it sends its current hour and leaves it sent in its partition', async () => {
    const standIn = await startMeteringServiceStandIn({ dimensions: DIMENSIONS });
    process.env.AWS_ENDPOINT_URL_DYNAMODB = aws.endpoint;
    try {
      const sidecar = await startSidecar(readConfig({
        METERING_MODE: 'custom', METERING_PRODUCT_CODE: PRODUCT_CODE, METERING_DIMENSIONS: DIMENSIONS.join(','), AWS_REGION: 'us-east-1',
        METERING_ENDPOINT: standIn.endpoint, METERING_STORAGE: `dynamodb:${table}`, METERING_PORT: '0',
      }), { log: silentLogger, credentials: LOCAL_CREDENTIALS });
      const response = await fetch(`${sidecar.url}/v1/usage`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '[{"dimension":"AutomationRuns","quantity":4,"id":"s1"}]' });
      assert.equal(response.status, 202);
      assert.equal(await sidecar.stop(), 0);
      assert.deepEqual(meteredTotals(standIn), { AutomationRuns: 4 });
      const ledger = await DynamoDbLedger.open(client, table, sidecar.ledger.owner, Date.now());
      assert.deepEqual((await ledger.summary(0, Date.now() + HOUR_MS)).map((line) => [line.quantity, line.state]), [[4, 'sent']]);
    } finally {
      delete process.env.AWS_ENDPOINT_URL_DYNAMODB;
      await standIn.stop();
    }
  });
});
