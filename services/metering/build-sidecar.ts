import { buildSync } from 'esbuild';
import { dirname, join } from 'node:path';

const REPOSITORY = join(__dirname, '../..');
/** Where the bundle is written: what the container image runs (`node sidecar.js`). */
export const SIDECAR_BUNDLE = join(REPOSITORY, 'build', 'metering', 'sidecar.js');

/**
 * Bundles the sidecar (main.ts and its AWS SDK clients) for the container image, as the functions are
 * bundled: `sidecar.js`; better-sqlite3 stays outside because it carries a native addon.
 */
export function buildSidecar(outdir = dirname(SIDECAR_BUNDLE)): string {
  buildSync({
    entryPoints: { sidecar: join(__dirname, 'main.ts') },
    outdir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['better-sqlite3'],
    legalComments: 'none',
    logLevel: 'warning',
  });
  return join(outdir, 'sidecar.js');
}

if (require.main === module) console.log(`build-sidecar: wrote ${buildSidecar().slice(REPOSITORY.length + 1)}`);
