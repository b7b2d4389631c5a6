import { buildSync, BuildOptions } from 'esbuild';
import { dirname, join } from 'node:path';

const REPOSITORY = join(__dirname, '../../..');
/** Where the bundle is written: what `npm run bench:metering` runs (`node sidecar.js`). */
export const SIDECAR_BUNDLE = join(REPOSITORY, 'build', 'metering', 'sidecar.js');

/**
 * How the sidecar (services/metering/main.ts and its AWS SDK clients) is bundled, as the functions are: one file,
 * `sidecar.js`; better-sqlite3 stays outside because it carries a native addon. Paths in the bundle are
 * relative to the repository, so the same sources give the same bytes wherever they are checked out.
 */
export function sidecarBundleOptions(target = 'node20'): BuildOptions {
  return {
    entryPoints: { sidecar: join(__dirname, '..', 'main.ts') },
    absWorkingDir: REPOSITORY,
    bundle: true,
    platform: 'node',
    target,
    format: 'cjs',
    external: ['better-sqlite3'],
    legalComments: 'none',
    logLevel: 'warning',
  };
}

/** Writes the bundle to `build/metering/sidecar.js` (or into `outdir`) for the repository's Node.js. */
export function buildSidecar(outdir = dirname(SIDECAR_BUNDLE)): string {
  buildSync({ ...sidecarBundleOptions(), outdir });
  return join(outdir, 'sidecar.js');
}

if (require.main === module) console.log(`build-sidecar: wrote ${buildSidecar().slice(REPOSITORY.length + 1)}`);
