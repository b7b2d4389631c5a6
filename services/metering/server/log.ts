/** Severity of a log line; `alarm` marks lines an operator must act on (a metric filter alarms on it). */
export type LogLevel = 'info' | 'warn' | 'error' | 'alarm';

/** Writes one structured JSON line. Callers pass facts only (never tokens or credentials). */
export type Logger = (level: LogLevel, message: string, fields?: Record<string, unknown>) => void;

/** Logs JSON lines to stdout (ECS ships them to CloudWatch Logs). */
export const jsonLogger: Logger = (level, message, fields = {}) => {
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), level, message, ...fields })}\n`);
};

/** Discards every line (tests that assert on behaviour, not logs). */
export const silentLogger: Logger = () => undefined;
