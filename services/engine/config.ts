import { z } from 'zod';
import { DOCUMENTDB_CA_FILE, engineEnvironmentSchema } from './contract';

/** Settings with defaults that an operator or a local workspace may override; the template sets none. */
const tuningSchema = z.object({
  DOCUMENTDB_CA_FILE: z.string().min(1).default(DOCUMENTDB_CA_FILE).describe('the CA bundle the DocumentDB certificate chains to'),
  DOCUMENTDB_REPLICA_SET: z.string().default('rs0').describe("DocumentDB's replica set, or empty to connect to one server directly (a local DocumentDB-compatible server)"),
  ENGINE_CONCURRENCY: z.coerce.number().int().min(1).max(200).default(10).describe('runs one engine executes at once'),
  ENGINE_LEASE_SECONDS: z.coerce.number().int().min(5).max(300).default(30).describe('how long a claimed run is held without a heartbeat'),
  ENGINE_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(500).describe('how often an idle engine looks for queued runs'),
  ENGINE_DRAIN_SECONDS: z.coerce.number().int().min(0).max(55).default(45).describe('how long SIGTERM waits for running runs before releasing them'),
  ENGINE_ID: z.string().min(1).max(128).optional().describe('this engine in leases and logs; default host name and process ID'),
});

export type EngineConfig = z.output<typeof engineEnvironmentSchema> & z.output<typeof tuningSchema>;

/** A variable that is missing or wrong, named with what it should be. */
export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
}

/** Reads the engine's configuration; throws one ConfigurationError listing every bad variable. */
export function readEngineConfig(environment: NodeJS.ProcessEnv): EngineConfig {
  const schema = engineEnvironmentSchema.extend(tuningSchema.shape);
  const result = schema.safeParse(environment);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const name = String(issue.path[0]);
    const field = schema.shape[name as keyof typeof schema.shape];
    const value = environment[name];
    return `${name}: ${value === undefined ? 'is not set' : issue.message}; expected ${field?.description ?? 'a value'}`;
  });
  throw new ConfigurationError(`the engine's environment is not valid:\n${lines.join('\n')}`);
}
