import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import request from 'supertest';
import { Harness, meteredTotals, startHarness } from './harness';

let h: Harness;
const MINUTE = 60_000;
const post = (body: unknown) => request(h.app).post('/v1/usage').send(body as object).expect(202);
const lines = async () => (await request(h.app).get('/v1/usage/summary').query({ from: '2026-11-22T00:00:00Z', to: '2026-11-25T00:00:00Z' })).body.hours as Record<string, any>[];
const meterCalls = () => h.standIn.calls.filter((call) => call.operation === 'MeterUsage');
const neverDuplicate = () => assert.deepEqual(meterCalls().filter((call) => call.error === 'DuplicateRequestException' || call.error === 'IdempotencyConflictException'), []);

describe('sealing and sending hours', () => {
  beforeEach(async () => { h = await startHarness({ start: '2026-11-23T10:20:00Z' }); });
  afterEach(() => h.close());

  test('when an hour ends, then nothing is sent before the grace period, and after it one MeterUsage per dimension carries the hour\'s total', async () => {
    for (let i = 0; i < 5; i += 1) await post({ dimension: 'AutomationRuns', quantity: 2 });
    await post([{ dimension: 'AiAssistedSteps', quantity: 7 }, { dimension: 'AiAssistedSteps', quantity: 1 }]);
    h.clock.set('2026-11-23T11:04:00Z');
    await h.reporter.flush();
    assert.equal(meterCalls().length, 0);
    h.clock.set('2026-11-23T11:06:00Z');
    await h.reporter.flush();
    assert.deepEqual(meterCalls().map((call) => [call.body.UsageDimension, call.body.UsageQuantity, call.body.Timestamp]).sort(),
      [['AiAssistedSteps', 8, Date.parse('2026-11-23T10:00:00Z') / 1000], ['AutomationRuns', 10, Date.parse('2026-11-23T10:00:00Z') / 1000]]);
    const sent = await lines();
    assert.deepEqual(sent.map((line) => [line.dimension, line.state, line.attempts, typeof line.meteringRecordId]), [['AiAssistedSteps', 'sent', 1, 'string'], ['AutomationRuns', 'sent', 1, 'string']]);
    await h.reporter.flush();
    assert.equal(meterCalls().length, 2);
  });

  test('when an event arrives for an ended hour not yet sealed, then it joins that hour; once sealed, it goes to the current hour', async () => {
    await post({ dimension: 'AutomationRuns', quantity: 1 });
    h.clock.set('2026-11-23T11:02:00Z');
    await post({ dimension: 'AutomationRuns', quantity: 2, timestamp: '2026-11-23T10:59:00Z' });
    h.clock.set('2026-11-23T11:06:00Z');
    await h.reporter.flush();
    await post({ dimension: 'AutomationRuns', quantity: 4, timestamp: '2026-11-23T10:30:00Z' });
    await post({ dimension: 'AutomationRuns', quantity: 8, timestamp: '2026-11-23T01:00:00Z' });
    assert.deepEqual((await lines()).map((line) => [line.hour, line.quantity, line.state]), [['2026-11-23T10:00:00.000Z', 3, 'sent'], ['2026-11-23T11:00:00.000Z', 12, 'open']]);
  });

  test('when usage is tagged, then MeterUsage carries allocations that add up to the quantity, untagged usage as an allocation without tags', async () => {
    await post({ dimension: 'AiAssistedSteps', quantity: 5, allocations: [{ quantity: 2, tags: { team: 'red' } }, { quantity: 3, tags: { team: 'blue' } }] });
    await post({ dimension: 'AiAssistedSteps', quantity: 4 });
    h.clock.set('2026-11-23T11:06:00Z');
    await h.reporter.flush();
    const [call] = meterCalls();
    assert.equal(call.status, 200);
    assert.equal(call.body.UsageQuantity, 9);
    assert.deepEqual(new Set(call.body.UsageAllocations), new Set([
      { AllocatedUsageQuantity: 4 }, { AllocatedUsageQuantity: 3, Tags: [{ Key: 'team', Value: 'blue' }] }, { AllocatedUsageQuantity: 2, Tags: [{ Key: 'team', Value: 'red' }] },
    ].map((a) => call.body.UsageAllocations.find((b: unknown) => JSON.stringify(b) === JSON.stringify(a)))));
  });
});

describe('retries', () => {
  beforeEach(async () => { h = await startHarness({ start: '2026-11-23T10:20:00Z' }); });
  afterEach(() => h.close());

  test('when the hour is sealed, then every retry sends the same quantity, timestamp and client token, even after more usage arrives', async () => {
    await post({ dimension: 'AutomationRuns', quantity: 3 });
    h.clock.set('2026-11-23T11:06:00Z');
    h.standIn.inject('throttle', 'server-error', 'timeout', 'record-then-server-error');
    for (let i = 0; i < 5; i += 1) {
      await h.reporter.flush();
      await post({ dimension: 'AutomationRuns', quantity: 100, timestamp: '2026-11-23T10:59:00Z' });
      h.clock.advance(10 * MINUTE);
    }
    const calls = meterCalls().filter((call) => call.body.Timestamp === Date.parse('2026-11-23T10:00:00Z') / 1000);
    assert.equal(calls.length, 5);
    assert.equal(new Set(calls.map((call) => JSON.stringify([call.body.UsageQuantity, call.body.ClientToken]))).size, 1);
    assert.equal(calls[0].body.UsageQuantity, 3);
    const hour = (await lines())[0];
    assert.deepEqual([hour.state, hour.attempts, hour.meteringRecordId], ['sent', 5, h.standIn.metered.get('2026-11-23T10:00:00.000Z|AutomationRuns')!.recordId]);
    neverDuplicate();
  });

  test('when half the calls are throttled and 5xx come in bursts over a day, then every unit is metered once and no hour twice', async () => {
    let call = 0;
    h.standIn.faultPolicy = () => { call += 1; return call % 2 === 0 ? 'throttle' : call % 7 < 3 ? 'server-error' : undefined; };
    let recorded = 0;
    for (let minute = 0; minute < 24 * 60; minute += 10) {
      const quantity = (minute % 7) + 1;
      await post([{ dimension: 'AutomationRuns', quantity }, { dimension: 'AiAssistedSteps', quantity: 1 }]);
      recorded += quantity;
      h.clock.advance(10 * MINUTE);
      await h.reporter.flush();
    }
    h.standIn.faultPolicy = () => undefined;
    h.clock.advance(2 * 60 * MINUTE);
    await h.reporter.flush();
    assert.deepEqual(meteredTotals(h.standIn), { AutomationRuns: recorded, AiAssistedSteps: 144 });
    assert.ok(meterCalls().some((c) => c.error === 'ThrottlingException') && meterCalls().some((c) => c.error === 'InternalServiceErrorException'));
    neverDuplicate();
    assert.ok((await lines()).every((line) => line.state === 'sent' || line.state === 'open'));
  });

  test('when Marketplace is down for 7 hours, then hours leaving the window are carried into the current hour, nothing is lost and nothing is sent twice', async () => {
    h.standIn.faultPolicy = () => 'server-error';
    let recorded = 0;
    for (let minute = 0; minute < 7 * 60; minute += 10) {
      await post({ dimension: 'AutomationRuns', quantity: 5 });
      recorded += 5;
      h.clock.advance(10 * MINUTE);
      await h.reporter.flush();
    }
    h.standIn.faultPolicy = () => undefined;
    for (let minute = 0; minute < 3 * 60; minute += 10) {
      h.clock.advance(10 * MINUTE);
      await h.reporter.flush();
    }
    assert.deepEqual(meteredTotals(h.standIn), { AutomationRuns: recorded });
    neverDuplicate();
    const summary = await lines();
    const carried = summary.filter((line) => line.state === 'carried');
    assert.ok(carried.length >= 1);
    for (const line of carried) {
      assert.ok(line.carriedTo > line.hour);
      assert.ok(summary.find((into) => into.hour === line.carriedTo && into.dimension === line.dimension)?.carriedFrom.includes(line.hour));
      assert.equal(h.standIn.metered.has(`${line.hour}|${line.dimension}`), false);
    }
    assert.match((await request(h.app).get('/metrics')).text, /^metering_records_carried_forward_total [1-9]/m);
  });

  test('when Marketplace answers TimestampOutOfBounds, then the hour is carried forward instead of failing', async () => {
    await post({ dimension: 'AutomationRuns', quantity: 6 });
    h.clock.set('2026-11-23T11:06:00Z');
    h.standIn.inject('timestamp-out-of-bounds');
    await h.reporter.flush();
    h.clock.set('2026-11-23T12:06:00Z');
    await h.reporter.flush();
    assert.deepEqual([...h.standIn.metered].map(([key, value]) => [key, value.quantity]), [['2026-11-23T11:00:00.000Z|AutomationRuns', 6]]);
  });

  test('when the customer is not entitled, then /readyz fails, usage is still recorded, and a later success makes it ready again', async () => {
    await post({ dimension: 'AutomationRuns', quantity: 1 });
    h.clock.set('2026-11-23T11:06:00Z');
    h.standIn.inject('not-entitled');
    await h.reporter.flush();
    assert.equal((await request(h.app).get('/readyz').expect(503)).body.entitlement, false);
    await post({ dimension: 'AutomationRuns', quantity: 2 });
    assert.equal((await lines())[0].state, 'sealed');
    assert.match((await lines())[0].lastError, /CustomerNotEntitled/);
    assert.ok(h.logs.some((line) => line.level === 'alarm' && /not entitled/.test(line.message)));
    h.clock.advance(10 * MINUTE);
    await h.reporter.flush();
    await request(h.app).get('/readyz').expect(200);
    assert.equal((await lines())[0].state, 'sent');
  });

  test('when Marketplace refuses a record for good, then it is kept as failed with the error, an alarm line and a metric', async () => {
    await post({ dimension: 'AutomationRuns', quantity: 1 });
    h.clock.set('2026-11-23T11:06:00Z');
    h.standIn.inject('duplicate');
    await h.reporter.flush();
    h.clock.advance(60 * MINUTE);
    await h.reporter.flush();
    const [line] = await lines();
    assert.deepEqual([line.state, line.quantity, line.attempts], ['failed', 1, 1]);
    assert.match(line.lastError, /DuplicateRequestException/);
    assert.equal(meterCalls().filter((call) => call.body.Timestamp === Date.parse('2026-11-23T10:00:00Z') / 1000).length, 1);
    assert.ok(h.logs.some((l) => l.level === 'alarm' && l.fields?.dimension === 'AutomationRuns'));
    assert.match((await request(h.app).get('/metrics')).text, /^metering_records_failed_total\{error="DuplicateRequestException"\} 1$/m);
  });
});
