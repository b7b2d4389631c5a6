import { buildSync, BuildOptions } from 'esbuild';
import { join } from 'node:path';

const REPOSITORY = join(__dirname, '../..');

/**
 * How the engine (services/engine/main.ts) is bundled with its dependencies into one file, which the
 * image runs; the mongodb driver's optional native add-ons (Kerberos, compression, client-side
 * encryption) are left out, as the engine uses none. Paths in the bundle are relative to the
 * repository, so the same sources give the same bytes wherever they are checked out.
 */
export function engineBundleOptions(target = 'node20'): BuildOptions {
  return {
    entryPoints: [join(REPOSITORY, 'services/engine/main.ts')],
    absWorkingDir: REPOSITORY,
    bundle: true,
    platform: 'node',
    target,
    format: 'cjs',
    legalComments: 'none',
    preserveSymlinks: true,
    logLevel: 'silent',
  };
}

/** Writes the bundle to `build/engine/engine.js` (or `outfile`) for the repository's Node.js. */
export function buildEngine(outfile = join(REPOSITORY, 'build/engine/engine.js')): string {
  buildSync({ ...engineBundleOptions(), outfile });
  return outfile;
}

if (require.main === module) console.log(`build-engine: wrote ${buildEngine().slice(REPOSITORY.length + 1)}`);
