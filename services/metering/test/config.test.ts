import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ConfigurationError, readConfig } from '../server/config';

const VALID = { METERING_MODE: 'custom', METERING_PRODUCT_CODE: 'abc123', METERING_DIMENSIONS: 'AutomationRuns,AiAssistedSteps', AWS_REGION: 'us-east-1' };

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    readConfig(env);
  } catch (error) {
    assert.ok(error instanceof ConfigurationError);
    return error.problems;
  }
  return [];
}

describe('configuration from the environment', () => {
  test('when only the required variables are set, then the defaults apply', () => {
    assert.deepEqual(readConfig(VALID), {
      mode: 'custom', productCode: 'abc123', dimensions: ['AutomationRuns', 'AiAssistedSteps'], ledger: { kind: 'sqlite', path: 'metering-ledger.sqlite' },
      bind: '127.0.0.1', port: 8080, token: undefined, region: 'us-east-1', endpoint: undefined, flushSeconds: 60,
    });
  });

  test('when the ledger is a DynamoDB table, then its name is read', () => {
    assert.deepEqual(readConfig({ ...VALID, METERING_STORAGE: 'dynamodb:workspace-Table-1' }).ledger, { kind: 'dynamodb', table: 'workspace-Table-1' });
  });

  const bad: [string, Record<string, string | undefined>, RegExp][] = [
    ['METERING_MODE', { METERING_MODE: 'daily' }, /^METERING_MODE="daily": must be one of custom, hourly, off$/],
    ['METERING_PRODUCT_CODE', { METERING_PRODUCT_CODE: 'Not A Code' }, /^METERING_PRODUCT_CODE=.*product code/],
    ['METERING_PRODUCT_CODE', { METERING_PRODUCT_CODE: undefined }, /^METERING_PRODUCT_CODE is not set: is required when METERING_MODE is custom/],
    ['METERING_DIMENSIONS', { METERING_DIMENSIONS: '' }, /^METERING_DIMENSIONS="": must list 1 to 24/],
    ['METERING_DIMENSIONS', { METERING_DIMENSIONS: 'Runs,Bad Name' }, /^METERING_DIMENSIONS=/],
    ['METERING_STORAGE', { METERING_STORAGE: 'postgres://db' }, /^METERING_STORAGE="postgres:\/\/db": must be sqlite:<file path> or dynamodb:<table name>$/],
    ['METERING_BIND', { METERING_BIND: 'localhost' }, /^METERING_BIND="localhost": must be an IP address/],
    ['METERING_PORT', { METERING_PORT: '80a' }, /^METERING_PORT="80a": must be a whole number from 0 to 65535$/],
    ['METERING_PORT', { METERING_PORT: '70000' }, /^METERING_PORT=/],
    ['METERING_TOKEN', { METERING_TOKEN: 'short' }, /^METERING_TOKEN: must be at least 16 characters \(value not shown\)$/],
    ['METERING_TOKEN', { METERING_BIND: '0.0.0.0' }, /^METERING_TOKEN is not set: is required when METERING_BIND \(0.0.0.0\) is not loopback/],
    ['AWS_REGION', { AWS_REGION: 'Virginia' }, /^AWS_REGION="Virginia"/],
    ['AWS_REGION', { AWS_REGION: undefined }, /^AWS_REGION is not set/],
    ['METERING_ENDPOINT', { METERING_ENDPOINT: 'localhost:1234' }, /^METERING_ENDPOINT="localhost:1234": must be an http\(s\) URL/],
    ['METERING_FLUSH_SECONDS', { METERING_FLUSH_SECONDS: '0' }, /^METERING_FLUSH_SECONDS="0": must be a whole number from 1 to 3600$/],
  ];
  for (const [name, change, message] of bad) {
    test(`when ${name} is ${JSON.stringify(Object.values(change)[0])}, then one line names it and the fix`, () => {
      const problems = problemsOf({ ...VALID, ...change });
      assert.equal(problems.length, 1, problems.join('\n'));
      assert.match(problems[0], message);
    });
  }

  test('when several variables are bad, then every one is reported at once, and the token is never echoed', () => {
    const problems = problemsOf({ METERING_MODE: 'custom', METERING_PORT: 'x', METERING_TOKEN: 'secret-ish' });
    assert.deepEqual(problems.map((problem) => problem.split(/[ =:]/)[0]), ['METERING_PRODUCT_CODE', 'METERING_DIMENSIONS', 'METERING_PORT', 'METERING_TOKEN', 'AWS_REGION']);
    assert.ok(!problems.join('\n').includes('secret-ish'));
  });

  test('when the mode is off, then neither a product code nor a Region is needed', () => {
    assert.equal(readConfig({ METERING_DIMENSIONS: 'Runs' }).mode, 'off');
  });
});
