import assert from 'node:assert/strict';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { MeteringServiceStandIn, startMeteringServiceStandIn } from '../../../qa/stand-ins/marketplace-metering';
import { readConfig } from '../server/config';
import { silentLogger } from '../server/log';
import { RunningSidecar, startSidecar } from '../server/sidecar';
import { temporaryDirectory } from '../tools/temporary-directory';
import { DIMENSIONS, LOCAL_CREDENTIALS, PRODUCT_CODE } from './harness';

let standIn: MeteringServiceStandIn;
let dir: ReturnType<typeof temporaryDirectory>;
let sidecar: RunningSidecar;

const start = (mode: string) => startSidecar(readConfig({
  METERING_MODE: mode, METERING_PRODUCT_CODE: PRODUCT_CODE, METERING_DIMENSIONS: DIMENSIONS.join(','), AWS_REGION: 'us-east-1',
  METERING_ENDPOINT: standIn.endpoint, METERING_STORAGE: `sqlite:${join(dir.path, 'ledger.sqlite')}`, METERING_PORT: '0',
}), { log: silentLogger, credentials: LOCAL_CREDENTIALS, baseBackoffMs: 20 });
const readiness = async () => (await fetch(`${sidecar.url}/readyz`)).status;
const until = async (condition: () => Promise<boolean>) => {
  for (let i = 0; i < 100 && !(await condition()); i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
};
const post = () => fetch(`${sidecar.url}/v1/usage`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"dimension":"AutomationRuns","quantity":1}' });

describe('modes', () => {
  beforeEach(async () => { standIn = await startMeteringServiceStandIn({ dimensions: DIMENSIONS }); dir = temporaryDirectory(); });
  afterEach(async () => { await sidecar.stop(); await standIn.stop(); dir.remove(); });

  test('when the mode is hourly, then RegisterUsage is called once at start (retried when throttled) and usage is only recorded', async () => {
    standIn.inject('throttle');
    sidecar = await start('hourly');
    await until(async () => (await readiness()) === 200);
    assert.equal(await readiness(), 200);
    assert.equal((await post()).status, 202);
    await sidecar.stop();
    const calls = standIn.calls.map((call) => [call.operation, call.status]);
    assert.deepEqual(calls, [['RegisterUsage', 400], ['RegisterUsage', 200]]);
    assert.equal(standIn.calls[1].body.ProductCode, PRODUCT_CODE);
    assert.equal(standIn.calls[1].body.PublicKeyVersion, 1);
  });

  test('when the mode is hourly and the customer is not entitled, then /readyz fails and usage is still recorded', async () => {
    standIn.faultPolicy = () => 'not-entitled';
    sidecar = await start('hourly');
    await until(async () => standIn.calls.length > 0);
    assert.equal(await readiness(), 503);
    assert.equal((await post()).status, 202);
    await until(async () => standIn.calls.length > 2);
    assert.ok(standIn.calls.length > 2, 'RegisterUsage is retried while the customer is not entitled');
    assert.equal(await readiness(), 503);
  });

  test('when the mode is off, then nothing is sent, even at shutdown, and usage is recorded', async () => {
    sidecar = await start('off');
    assert.equal((await post()).status, 202);
    assert.equal(await readiness(), 200);
    await sidecar.stop();
    assert.deepEqual(standIn.calls, []);
  });
});
