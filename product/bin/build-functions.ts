import { buildSync } from 'esbuild';
import { zipSync } from 'fflate';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The functions whose code ships as release archives (`functions/<name>.zip`), built from `services/<name>/handler.ts`. */
export const RELEASED_FUNCTIONS = ['api-handler', 'workflow-executor', 'automation'];
const REPOSITORY = join(__dirname, '../..');
/** A fixed timestamp for every archive entry, so the same code always gives the same archive bytes. */
const ARCHIVE_TIME = new Date('2000-01-01T00:00:00Z');

/** Bundles one function (its AWS SDK included, so the code runs with the versions it was tested with) into a zip. */
export function buildFunction(name: string): Uint8Array {
  const result = buildSync({
    entryPoints: [join(REPOSITORY, 'services', name, 'handler.ts')],
    bundle: true,
    platform: 'node',
    target: 'node24',
    format: 'cjs',
    write: false,
    legalComments: 'none',
    // Module paths (written into the bundle's comments) stay node_modules/..., whether node_modules is a
    // folder or a link to another checkout's, so the same code gives the same archive everywhere.
    preserveSymlinks: true,
    logLevel: 'silent',
  });
  const [bundle] = result.outputFiles;
  return zipSync({ 'index.js': [bundle.contents, { mtime: ARCHIVE_TIME }] }, { level: 9 });
}

/** Writes every function archive to `<outdir>/functions/<name>.zip` and returns their paths. */
export function buildFunctions(outdir: string): string[] {
  mkdirSync(join(outdir, 'functions'), { recursive: true });
  return RELEASED_FUNCTIONS.map((name) => {
    const path = join(outdir, 'functions', `${name}.zip`);
    writeFileSync(path, buildFunction(name));
    return path;
  });
}

if (require.main === module) {
  for (const path of buildFunctions(join(REPOSITORY, 'build'))) console.log(`build-functions: wrote ${path.slice(REPOSITORY.length + 1)}`);
}
