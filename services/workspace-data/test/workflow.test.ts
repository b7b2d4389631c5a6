import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isDue, scheduleMinutes } from '../workflow';

describe('schedules', () => {
  for (const [schedule, minutes] of [['rate(1 minute)', 1], ['rate(15 minutes)', 15], ['rate(2 hours)', 120], ['rate(1 day)', 1440]] as const) {
    test(`${schedule} runs every ${minutes} minutes`, () => assert.equal(scheduleMinutes(schedule), minutes));
  }

  test('a schedule that is not a rate expression is refused with the expected form', () => {
    assert.throws(() => scheduleMinutes('cron(0 12 * * ? *)'), /is not rate\(<n> minutes\|hours\|days\)/);
    assert.throws(() => scheduleMinutes('rate(0 minutes)'));
  });

  test('a daily schedule is due at midnight UTC only', () => {
    assert.ok(isDue('rate(1 day)', new Date('2026-11-23T00:00:00Z')));
    assert.ok(!isDue('rate(1 day)', new Date('2026-11-23T00:01:00Z')));
  });
});
