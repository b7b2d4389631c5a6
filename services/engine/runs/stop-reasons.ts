/** Why a run stops before its end; each is the reason of the run's abort signal. */
export class CancelRequested extends Error {
  override readonly name = 'CancelRequested';
  constructor() { super('the run was cancelled'); }
}

/** The engine is shutting down: the run is released for another engine to resume. */
export class EngineStopping extends Error {
  override readonly name = 'EngineStopping';
  constructor() { super('the engine is stopping'); }
}

export class RunTimedOut extends Error {
  override readonly name = 'RunTimedOut';
  constructor() { super('the run did not finish within its timeoutSeconds'); }
}
