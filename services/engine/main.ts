import { ConfigurationError, readEngineConfig } from './config';
import { SchemaTooNewError } from './schema/migrate';
import { startEngine } from './start-engine';

/** The engine container's entry point: configuration from the environment, JSON lines on stdout, SIGTERM drains. */
const log = (entry: Record<string, unknown>) => console.log(JSON.stringify({ time: new Date().toISOString(), ...entry }));

async function main(): Promise<void> {
  const config = readEngineConfig(process.env);
  const running = await startEngine(config, log);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log({ level: 'info', message: 'stopping', signal, running: running.engine.running });
    running.stop().then(() => {
      log({ level: 'info', message: 'stopped' });
      process.exit(0);
    }, (error) => {
      log({ level: 'error', message: 'stop failed', error: String(error) });
      process.exit(1);
    });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error) => {
  if (error instanceof ConfigurationError || error instanceof SchemaTooNewError) {
    console.error(error.message);
    process.exit(2);
  }
  log({ level: 'error', message: 'engine failed to start', error: String(error) });
  process.exit(1);
});
