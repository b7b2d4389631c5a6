import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import request from 'supertest';
import { Harness, startHarness } from './harness';

let h: Harness;
const usage = () => request(h.app).post('/v1/usage');
const summary = async () => (await request(h.app).get('/v1/usage/summary').query({ from: '2026-11-23T00:00:00Z', to: '2026-11-24T00:00:00Z' })).body.hours;
const stored = async () => (await summary()).reduce((sum: number, line: { quantity: number }) => sum + line.quantity, 0);

describe('POST /v1/usage', () => {
  beforeEach(async () => { h = await startHarness(); });
  afterEach(() => h.close());

  test('when one event is posted, then it is acknowledged with 202 after it is stored', async () => {
    const response = await usage().send({ dimension: 'AutomationRuns', quantity: 3 });
    assert.equal(response.status, 202);
    assert.deepEqual(response.body, { accepted: 1, duplicates: 0 });
    assert.deepEqual(await summary(), [{ hour: '2026-11-23T10:00:00.000Z', dimension: 'AutomationRuns', quantity: 3, state: 'open', attempts: 0 }]);
  });

  test('when an array of 1000 events is posted, then all are accepted and aggregated into their hour buckets', async () => {
    const events = Array.from({ length: 1000 }, (_, i) => ({ dimension: i % 2 ? 'AutomationRuns' : 'AiAssistedSteps', quantity: 1, id: `e-${i}` }));
    assert.deepEqual((await usage().send(events).expect(202)).body, { accepted: 1000, duplicates: 0 });
    assert.deepEqual((await summary()).map((line: { dimension: string; quantity: number }) => [line.dimension, line.quantity]), [['AiAssistedSteps', 500], ['AutomationRuns', 500]]);
  });

  test('when an event id is repeated, in one request or across requests, then it is counted once', async () => {
    assert.deepEqual((await usage().send([{ dimension: 'AutomationRuns', quantity: 2, id: 'run-1' }, { dimension: 'AutomationRuns', quantity: 2, id: 'run-1' }]).expect(202)).body, { accepted: 1, duplicates: 1 });
    assert.deepEqual((await usage().send({ dimension: 'AutomationRuns', quantity: 2, id: 'run-1' }).expect(202)).body, { accepted: 0, duplicates: 1 });
    const concurrent = await Promise.all([1, 2, 3].map(() => usage().send({ dimension: 'AutomationRuns', quantity: 5, id: 'run-2' })));
    assert.equal(concurrent.reduce((sum, response) => sum + response.body.accepted, 0), 1);
    assert.equal(await stored(), 7);
  });

  test('when an event carries a past timestamp, then it lands in that hour; more than 5 minutes ahead is refused', async () => {
    await usage().send({ dimension: 'AutomationRuns', quantity: 1, timestamp: '2026-11-23T08:59:59Z' }).expect(202);
    await usage().send({ dimension: 'AutomationRuns', quantity: 1, timestamp: '2026-11-23T10:24:59+00:00' }).expect(202);
    const response = await usage().send({ dimension: 'AutomationRuns', quantity: 1, timestamp: '2026-11-23T10:25:01Z' }).expect(400);
    assert.equal(response.body.error.code, 'timestamp_in_future');
    assert.deepEqual((await summary()).map((line: { hour: string; quantity: number }) => [line.hour, line.quantity]), [['2026-11-23T08:00:00.000Z', 1], ['2026-11-23T10:00:00.000Z', 1]]);
  });

  test('when events carry allocations, then each tag set is kept and the hour holds their sum', async () => {
    await usage().send({ dimension: 'AiAssistedSteps', quantity: 5, allocations: [{ quantity: 2, tags: { team: 'red' } }, { quantity: 3, tags: { team: 'blue', env: 'prod' } }] }).expect(202);
    await usage().send({ dimension: 'AiAssistedSteps', quantity: 1, allocations: [{ quantity: 1, tags: { team: 'red' } }] }).expect(202);
    assert.equal(await stored(), 6);
  });

  const invalid: [string, unknown, string, string][] = [
    ['a missing dimension', { quantity: 1 }, 'dimension', 'required'],
    ['a dimension that is not a string', { dimension: 7, quantity: 1 }, 'dimension', 'required'],
    ['an unknown dimension', { dimension: 'Gigabytes', quantity: 1 }, 'dimension', 'unknown_dimension'],
    ['a missing quantity', { dimension: 'AutomationRuns' }, 'quantity', 'required'],
    ['a negative quantity', { dimension: 'AutomationRuns', quantity: -1 }, 'quantity', 'invalid_field'],
    ['a fractional quantity', { dimension: 'AutomationRuns', quantity: 1.5 }, 'quantity', 'invalid_field'],
    ['a quantity in a string', { dimension: 'AutomationRuns', quantity: '1' }, 'quantity', 'invalid_field'],
    ['a quantity above 2147483647', { dimension: 'AutomationRuns', quantity: 2_147_483_648 }, 'quantity', 'invalid_field'],
    ['a timestamp without a zone', { dimension: 'AutomationRuns', quantity: 1, timestamp: '2026-11-23T10:00:00' }, 'timestamp', 'invalid_field'],
    ['a timestamp that is not a date', { dimension: 'AutomationRuns', quantity: 1, timestamp: 'yesterday' }, 'timestamp', 'invalid_field'],
    ['a numeric timestamp', { dimension: 'AutomationRuns', quantity: 1, timestamp: 1_700_000_000 }, 'timestamp', 'invalid_field'],
    ['an empty id', { dimension: 'AutomationRuns', quantity: 1, id: '' }, 'id', 'invalid_field'],
    ['an id of 65 characters', { dimension: 'AutomationRuns', quantity: 1, id: 'x'.repeat(65) }, 'id', 'invalid_field'],
    ['a numeric id', { dimension: 'AutomationRuns', quantity: 1, id: 5 }, 'id', 'invalid_field'],
    ['an unknown field', { dimension: 'AutomationRuns', quantity: 1, quantitiy: 2 }, 'quantitiy', 'unknown_field'],
    ['allocations that are not an array', { dimension: 'AutomationRuns', quantity: 1, allocations: {} }, 'allocations', 'invalid_field'],
    ['allocations that do not add up', { dimension: 'AutomationRuns', quantity: 3, allocations: [{ quantity: 2, tags: { a: 'b' } }] }, 'allocations', 'allocations_mismatch'],
    ['an allocation without tags', { dimension: 'AutomationRuns', quantity: 1, allocations: [{ quantity: 1 }] }, 'allocations[0].tags', 'required'],
    ['an allocation with six tags', { dimension: 'AutomationRuns', quantity: 1, allocations: [{ quantity: 1, tags: { a: '1', b: '2', c: '3', d: '4', e: '5', f: '6' } }] }, 'allocations[0].tags', 'invalid_field'],
    ['a tag value that is not a string', { dimension: 'AutomationRuns', quantity: 1, allocations: [{ quantity: 1, tags: { team: 1 } }] }, 'allocations[0].tags.team', 'invalid_field'],
    ['an allocation with a bad quantity', { dimension: 'AutomationRuns', quantity: 1, allocations: [{ quantity: -1, tags: { a: 'b' } }] }, 'allocations[0].quantity', 'invalid_field'],
    ['an event that is not an object', [5], '[0]', 'invalid_field'],
    ['an empty array', [], 'body', 'invalid_batch'],
    ['an array of 1001 events', Array.from({ length: 1001 }, () => ({ dimension: 'AutomationRuns', quantity: 1 })), 'body', 'invalid_batch'],
  ];
  for (const [what, body, field, code] of invalid) {
    test(`when an event has ${what}, then 400 names the field ${field} and nothing is stored`, async () => {
      const response = await usage().set('content-type', 'application/json').send(JSON.stringify(body)).expect(400);
      assert.equal(response.body.error.field, field);
      assert.equal(response.body.error.code, code);
      assert.ok(response.body.error.message);
      assert.equal(await stored(), 0);
    });
  }

  test('when the third event of an array is bad, then 400 names its index and none of the array is stored', async () => {
    const response = await usage().send([{ dimension: 'AutomationRuns', quantity: 1 }, { dimension: 'AutomationRuns', quantity: 1, id: 'a' }, { dimension: 'AutomationRuns', quantity: -4 }]).expect(400);
    assert.equal(response.body.error.field, '[2].quantity');
    assert.equal(await stored(), 0);
    assert.deepEqual((await usage().send({ dimension: 'AutomationRuns', quantity: 1, id: 'a' }).expect(202)).body, { accepted: 1, duplicates: 0 });
  });

  test('when the body is not JSON, then 400 invalid_json; a body over 1 MB, 413; another content type, 415', async () => {
    assert.equal((await usage().set('content-type', 'application/json').send('{"dimension":').expect(400)).body.error.code, 'invalid_json');
    const huge = JSON.stringify(Array.from({ length: 1000 }, () => ({ dimension: 'AutomationRuns', quantity: 1, id: 'x'.repeat(1100) })));
    assert.equal((await usage().set('content-type', 'application/json').send(huge).expect(413)).body.error.code, 'payload_too_large');
    assert.equal((await usage().set('content-type', 'text/plain').send('hello').expect(415)).body.error.field, 'content-type');
    assert.equal(await stored(), 0);
  });

  test('when the sidecar is shutting down, then usage is refused with 503 and Retry-After', async () => {
    h.state.draining = true;
    const response = await usage().send({ dimension: 'AutomationRuns', quantity: 1 }).expect(503);
    assert.equal(response.get('retry-after'), '5');
    assert.equal((await request(h.app).get('/readyz').expect(503)).body.accepting, false);
  });

  test('when the ledger cannot write, then 503 storage_unavailable and nothing is acknowledged', async () => {
    await h.ledger.close();
    const response = await usage().send({ dimension: 'AutomationRuns', quantity: 1 }).expect(503);
    assert.equal(response.body.error.code, 'storage_unavailable');
  });

  test('when the summary range is left empty, then it covers the last 24 hours and the next one', async () => {
    await usage().send({ dimension: 'AutomationRuns', quantity: 2 }).expect(202);
    assert.equal((await request(h.app).get('/v1/usage/summary?from=&to=').expect(200)).body.hours[0].quantity, 2);
    assert.deepEqual((await request(h.app).get('/v1/usage/summary?to=2026-11-23T09:00:00Z').expect(200)).body.hours, []);
  });

  test('when the summary range is not a date, then 400 names from or to', async () => {
    assert.equal((await request(h.app).get('/v1/usage/summary?from=soon').expect(400)).body.error.field, 'from');
    assert.equal((await request(h.app).get('/v1/usage/summary?to=2026-13-45').expect(400)).body.error.field, 'to');
  });

  test('health, readiness and metrics answer; metrics count accepted and rejected events', async () => {
    await usage().send([{ dimension: 'AutomationRuns', quantity: 1, id: 'm' }, { dimension: 'AutomationRuns', quantity: 1, id: 'm' }]).expect(202);
    await usage().send({ dimension: 'Nope', quantity: 1 }).expect(400);
    assert.deepEqual((await request(h.app).get('/healthz').expect(200)).body, { status: 'alive' });
    assert.deepEqual((await request(h.app).get('/readyz').expect(200)).body, { storage: true, entitlement: true, accepting: true });
    const metrics = (await request(h.app).get('/metrics').expect(200).expect('content-type', /text\/plain/)).text;
    assert.match(metrics, /^metering_events_accepted_total 1$/m);
    assert.match(metrics, /^metering_events_duplicate_total 1$/m);
    assert.match(metrics, /^metering_requests_rejected_total\{reason="unknown_dimension"\} 1$/m);
    assert.match(metrics, /^metering_send_latency_seconds_count 0$/m);
    assert.match(metrics, /^metering_backlog_age_seconds 0$/m);
  });
});

describe('the token', () => {
  before(async () => { h = await startHarness({ token: 'a-token-of-enough-length' }); });
  after(() => h.close());

  test('when a token is configured, then usage without it or with a wrong one is refused with 401 and not stored', async () => {
    assert.equal((await usage().send({ dimension: 'AutomationRuns', quantity: 1 }).expect(401)).body.error.field, 'authorization');
    await usage().set('authorization', 'Bearer a-token-of-enough-lengtX').send({ dimension: 'AutomationRuns', quantity: 1 }).expect(401);
    await request(h.app).get('/v1/usage/summary').expect(401);
    await usage().set('authorization', 'Bearer a-token-of-enough-length').send({ dimension: 'AutomationRuns', quantity: 1 }).expect(202);
    const lines = (await request(h.app).get('/v1/usage/summary').set('authorization', 'Bearer a-token-of-enough-length').expect(200)).body.hours;
    assert.equal(lines[0].quantity, 1);
  });

  test('health checks need no token', async () => {
    await request(h.app).get('/healthz').expect(200);
  });
});
