import { isIP } from 'node:net';
import { METERING_PORT } from '../contract';

/** `custom`: MeterUsage per dimension per hour; `hourly`: RegisterUsage once at start; `off`: record only. */
export type MeteringMode = 'custom' | 'hourly' | 'off';

/** Where the ledger lives: a SQLite file (one task, development) or the workspace's DynamoDB table. */
export type LedgerLocation = { readonly kind: 'sqlite'; readonly path: string } | { readonly kind: 'dynamodb'; readonly table: string };

/** The sidecar's configuration, read once at start from the environment. */
export interface MeteringConfig {
  /** METERING_MODE. @default 'off' */
  readonly mode: MeteringMode;
  /** METERING_PRODUCT_CODE; required unless the mode is off. */
  readonly productCode?: string;
  /** METERING_DIMENSIONS: the dimensions events may name (comma-separated, 1 to 24). */
  readonly dimensions: readonly string[];
  /** METERING_STORAGE (`sqlite:<path>` or `dynamodb:<table>`). @default sqlite:metering-ledger.sqlite */
  readonly ledger: LedgerLocation;
  /** METERING_BIND. @default '127.0.0.1' */
  readonly bind: string;
  /** METERING_PORT (0 picks a free port). @default 8080 */
  readonly port: number;
  /** METERING_TOKEN: the bearer token /v1 requests must carry; required when METERING_BIND is not loopback. @default - none */
  readonly token?: string;
  /** AWS_REGION; required when the mode is not off or the ledger is in DynamoDB. */
  readonly region?: string;
  /** METERING_ENDPOINT: overrides the Metering Service endpoint (tests). @default - the Region's endpoint */
  readonly endpoint?: string;
  /** METERING_FLUSH_SECONDS: how often sealed hours are sent. @default 60 */
  readonly flushSeconds: number;
}

/** Every bad variable, one line each, so a deployment is fixed in one go. */
export class ConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(`metering sidecar configuration is invalid:\n${problems.map((problem) => `  ${problem}`).join('\n')}`);
  }
}

const MODES: MeteringMode[] = ['custom', 'hourly', 'off'];
const DIMENSION = /^[A-Za-z0-9_.-]{1,255}$/;
const PRODUCT_CODE = /^[a-z0-9]{1,25}$/;
const REGION = /^[a-z]{2}(-gov)?-[a-z]+-[0-9]$/;
const MAX_DIMENSIONS = 24;
const LOOPBACK = ['127.0.0.1', '::1'];

type Environment = Record<string, string | undefined>;

/** Reads and validates the configuration; throws ConfigurationError listing every bad variable. */
export function readConfig(env: Environment = process.env): MeteringConfig {
  const problems: string[] = [];
  const problem = (name: string, value: string | undefined, fix: string) => {
    problems.push(`${name}${value === undefined ? ' is not set' : `=${JSON.stringify(value)}`}: ${fix}`);
  };
  const mode = (env.METERING_MODE || 'off') as MeteringMode;
  if (!MODES.includes(mode)) problem('METERING_MODE', env.METERING_MODE, `must be one of ${MODES.join(', ')}`);
  const productCode = env.METERING_PRODUCT_CODE || undefined;
  if (productCode !== undefined && !PRODUCT_CODE.test(productCode)) problem('METERING_PRODUCT_CODE', productCode, 'must be the listing\'s product code: 1 to 25 lowercase letters and digits');
  if (productCode === undefined && mode !== 'off' && MODES.includes(mode)) problem('METERING_PRODUCT_CODE', undefined, `is required when METERING_MODE is ${mode}; set the listing's product code, or METERING_MODE=off`);
  const dimensions = readDimensions(env.METERING_DIMENSIONS, problem);
  const ledger = readLedger(env.METERING_STORAGE, problem);
  const bind = env.METERING_BIND || '127.0.0.1';
  if (!isIP(bind)) problem('METERING_BIND', bind, 'must be an IP address such as 127.0.0.1 (loopback) or 0.0.0.0');
  const port = readInteger('METERING_PORT', env.METERING_PORT, METERING_PORT, 0, 65_535, problem);
  const token = env.METERING_TOKEN || undefined;
  if (token !== undefined && token.length < 16) problems.push('METERING_TOKEN: must be at least 16 characters (value not shown)');
  if (token === undefined && isIP(bind) && !LOOPBACK.includes(bind)) problem('METERING_TOKEN', undefined, `is required when METERING_BIND (${bind}) is not loopback; pass the token secret from Secrets Manager`);
  const region = env.AWS_REGION || undefined;
  if (region !== undefined && !REGION.test(region)) problem('AWS_REGION', region, 'must be a Region code such as us-east-1');
  if (region === undefined && (mode === 'custom' || mode === 'hourly' || ledger?.kind === 'dynamodb')) problem('AWS_REGION', undefined, 'is required to reach AWS Marketplace or DynamoDB');
  const endpoint = env.METERING_ENDPOINT || undefined;
  if (endpoint !== undefined && !/^https?:\/\/[^\s/]+/.test(endpoint)) problem('METERING_ENDPOINT', endpoint, 'must be an http(s) URL such as http://127.0.0.1:4566');
  const flushSeconds = readInteger('METERING_FLUSH_SECONDS', env.METERING_FLUSH_SECONDS, 60, 1, 3600, problem);
  if (problems.length > 0) throw new ConfigurationError(problems);
  return { mode, productCode, dimensions, ledger: ledger!, bind, port, token, region, endpoint, flushSeconds };
}

type Problem = (name: string, value: string | undefined, fix: string) => void;

function readDimensions(value: string | undefined, problem: Problem): string[] {
  const dimensions = (value ?? '').split(',').map((name) => name.trim()).filter(Boolean);
  if (dimensions.length === 0 || dimensions.length > MAX_DIMENSIONS || !dimensions.every((name) => DIMENSION.test(name))) {
    problem('METERING_DIMENSIONS', value, `must list 1 to ${MAX_DIMENSIONS} dimension names of the listing, comma-separated (letters, digits, _ . -)`);
  }
  return dimensions;
}

function readLedger(value: string | undefined, problem: Problem): LedgerLocation | undefined {
  const text = value || 'sqlite:metering-ledger.sqlite';
  const match = /^(sqlite|dynamodb):(.+)$/.exec(text);
  if (match?.[1] === 'sqlite') return { kind: 'sqlite', path: match[2] };
  if (match?.[1] === 'dynamodb' && /^[A-Za-z0-9_.-]{3,255}$/.test(match[2])) return { kind: 'dynamodb', table: match[2] };
  problem('METERING_STORAGE', value, 'must be sqlite:<file path> or dynamodb:<table name>');
  return undefined;
}

function readInteger(name: string, value: string | undefined, fallback: number, min: number, max: number, problem: Problem): number {
  if (value === undefined || value === '') return fallback;
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < min || number > max) problem(name, value, `must be a whole number from ${min} to ${max}`);
  return number;
}
