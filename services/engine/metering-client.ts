/** The dimensions the engine reports (the listing's, as the sidecar's METERING_DIMENSIONS names them). */
export type EngineDimension = 'AutomationRuns' | 'AiAssistedSteps';

/** The metering sidecar refused or could not take the usage. */
export class MeteringUnavailableError extends Error {
  override readonly name = 'MeteringUnavailableError';
}

/**
 * Reports usage to the task's metering sidecar (`POST /v1/usage`). Each unit carries an idempotency
 * id (a run's ID, a step's key): the sidecar's ledger counts an id once across all tasks, so a resumed
 * run or a repeated request is billed once.
 */
export class MeteringClient {
  constructor(private readonly baseUrl: string, private readonly timeoutMs = 5000) {}

  async record(dimension: EngineDimension, id: string): Promise<void> {
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl.replace(/\/$/, '')}/v1/usage`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ dimension, quantity: 1, id }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new MeteringUnavailableError(`the metering sidecar at ${this.baseUrl} did not answer: ${(error as Error).message}`);
    }
    if (response.status !== 202) throw new MeteringUnavailableError(`the metering sidecar answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
  }
}
