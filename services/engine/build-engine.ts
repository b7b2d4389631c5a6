import { buildSync } from 'esbuild';
import { join } from 'node:path';

const REPOSITORY = join(__dirname, '../..');

/**
 * Bundles the engine (services/engine/main.ts) with its dependencies into one file,
 * `build/engine/engine.js`, which the image runs; the mongodb driver's optional native add-ons
 * (Kerberos, compression, client-side encryption) are left out, as the engine uses none.
 */
export function buildEngine(outfile = join(REPOSITORY, 'build/engine/engine.js')): string {
  buildSync({
    entryPoints: [join(REPOSITORY, 'services/engine/main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    legalComments: 'none',
    preserveSymlinks: true,
    logLevel: 'silent',
  });
  return outfile;
}

if (require.main === module) console.log(`build-engine: wrote ${buildEngine().slice(REPOSITORY.length + 1)}`);
