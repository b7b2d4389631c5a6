import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A scratch directory for a ledger file (benchmark and tests), removed by the returned function. */
export function temporaryDirectory(): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), 'metering-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
