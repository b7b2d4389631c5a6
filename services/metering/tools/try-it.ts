import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startMeteringServiceStandIn } from '../../../qa/stand-ins/marketplace-metering';
import { METERING_DIMENSIONS } from '../contract';

/**
 * `npm start`: the sidecar for anyone to try, on the embedded SQLite ledger (build/metering/ledger.sqlite)
 * with the workspace's dimensions. METERING_MODE=off (the default) records only; METERING_MODE=custom
 * without METERING_ENDPOINT starts the Metering Service stand-in on loopback and reports to it.
 * Every METERING_* variable can still be set.
 */
async function tryIt(): Promise<void> {
  const ledgerDirectory = join(__dirname, '../../../build/metering');
  mkdirSync(ledgerDirectory, { recursive: true });
  process.env.METERING_DIMENSIONS ||= METERING_DIMENSIONS.join(',');
  process.env.METERING_STORAGE ||= `sqlite:${join(ledgerDirectory, 'ledger.sqlite')}`;
  if (process.env.METERING_MODE === 'custom' && !process.env.METERING_ENDPOINT) {
    const standIn = await startMeteringServiceStandIn();
    Object.assign(process.env, {
      METERING_ENDPOINT: standIn.endpoint, METERING_PRODUCT_CODE: process.env.METERING_PRODUCT_CODE || 'tryitproductcode',
      AWS_REGION: process.env.AWS_REGION || 'us-east-1', AWS_ACCESS_KEY_ID: 'stand-in', AWS_SECRET_ACCESS_KEY: 'stand-in',
      METERING_FLUSH_SECONDS: process.env.METERING_FLUSH_SECONDS || '10',
    });
    process.stdout.write(`${JSON.stringify({ level: 'info', message: 'Metering Service stand-in listening', endpoint: standIn.endpoint })}\n`);
  }
  await import('../main.js');
}

void tryIt();
