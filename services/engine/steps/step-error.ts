/** Options of {@link StepError}. */
export interface StepErrorOptions {
  /** Whether another attempt may succeed (a timeout, a 5xx, a throttle); bad inputs never do. @default true */
  readonly retryable?: boolean;
  /** Wait at least this long before the next attempt (a Retry-After header). */
  readonly retryAfterMs?: number;
}

/** A step that did not succeed, with a message fit for the run view and the audit log (never a secret). */
export class StepError extends Error {
  override readonly name = 'StepError';
  readonly retryable: boolean;
  readonly retryAfterMs?: number;

  constructor(message: string, options: StepErrorOptions = {}) {
    super(message);
    this.retryable = options.retryable ?? true;
    this.retryAfterMs = options.retryAfterMs;
  }
}
