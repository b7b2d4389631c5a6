import { ConfigurationError, readConfig } from './server/config';
import { jsonLogger } from './server/log';
import { startSidecar } from './server/sidecar';

/** `npm run metering`: the sidecar in the foreground, configured by the environment; SIGTERM flushes and exits 0. */
async function main(): Promise<void> {
  let config;
  try {
    config = readConfig();
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  const sidecar = await startSidecar(config);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    jsonLogger('info', 'stopping: refusing new usage, sending the current hour', { signal });
    sidecar.stop().then(() => process.exit(0), (error) => {
      jsonLogger('alarm', 'shutdown failed; unsent usage stays in the ledger for the next task', { error: (error as Error).message });
      process.exit(1);
    });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error) => {
  jsonLogger('alarm', 'metering sidecar failed to start', { error: (error as Error).message });
  process.exit(1);
});
