/** A request the sidecar refuses: the status, a stable code, and the field at fault (index included for arrays). */
export class RequestError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly field?: string) {
    super(message);
  }
}

/** The ledger cannot store or read (disk, table or network): the request is answered 503 and nothing is acknowledged. */
export class StorageUnavailableError extends Error {}
