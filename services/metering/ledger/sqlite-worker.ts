import { parentPort, workerData } from 'node:worker_threads';
import { SqliteLedger } from './sqlite-ledger';

/** A call from {@link ThreadedSqliteLedger}: a MeteringLedger method and its arguments. */
export interface LedgerCall {
  readonly id: number;
  readonly method: keyof SqliteLedger;
  readonly args: unknown[];
}

/**
 * The worker thread that owns the SQLite file: commits (and their fsync) happen here, so the HTTP
 * thread keeps parsing requests while a batch is made durable.
 */
function serve(path: string): void {
  let ledger: SqliteLedger;
  try {
    ledger = new SqliteLedger(path);
  } catch (error) {
    parentPort!.postMessage({ id: 0, error: (error as Error).message });
    return;
  }
  parentPort!.postMessage({ id: 0, result: ledger.owner });
  parentPort!.on('message', ({ id, method, args }: LedgerCall) => {
    Promise.resolve()
      .then(() => (ledger[method] as (...a: unknown[]) => Promise<unknown>).apply(ledger, args))
      .then((result) => parentPort!.postMessage({ id, result }), (error) => parentPort!.postMessage({ id, error: (error as Error).message }));
  });
}

serve((workerData as { path: string }).path);
