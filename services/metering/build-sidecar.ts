import { buildSync } from 'esbuild';
import { join } from 'node:path';

const REPOSITORY = join(__dirname, '../..');
/** Where the bundle is written: what the container image runs (`node sidecar.js`). */
export const SIDECAR_BUNDLE = join(REPOSITORY, 'build', 'metering', 'sidecar.js');

/**
 * Bundles the sidecar (main.ts and its AWS SDK clients) into one file for the container image, as the
 * functions are bundled; better-sqlite3 stays outside because it carries a native addon.
 */
export function buildSidecar(outfile = SIDECAR_BUNDLE): string {
  buildSync({
    entryPoints: [join(__dirname, 'main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['better-sqlite3'],
    legalComments: 'none',
    logLevel: 'warning',
  });
  return outfile;
}

if (require.main === module) console.log(`build-sidecar: wrote ${buildSidecar().slice(REPOSITORY.length + 1)}`);
