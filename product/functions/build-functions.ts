import { buildSync } from 'esbuild';
import { zipSync } from 'fflate';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildConsole, CONSOLE_BUILD_DIRECTORY, consoleBuildIsStale } from '../../services/console/build-console';
import { COMPLIANCE_REPORT_PATH, PUBLISHED_DIRECTORY } from '../../services/console-publisher/contract';
import { publishedKeys } from '../../services/console-publisher/publish';
import { evidenceDirectory } from '../../compliance/report/evidence';
import { WORKSPACE_VERSION } from '../versions/workspace-version';

/** The functions whose code ships as release archives (`functions/<name>.zip`), built from `services/<name>/handler.ts`. */
export const RELEASED_FUNCTIONS = ['api-handler', 'workflow-executor', 'automation', 'console-publisher', 'secret-rotation'];
const REPOSITORY = join(__dirname, '../..');
/** A fixed timestamp for every archive entry, so the same code always gives the same archive bytes. */
const ARCHIVE_TIME = new Date('2000-01-01T00:00:00Z');

/**
 * Bundles one function (its AWS SDK included, so the code runs with the versions it was tested with)
 * into a zip, with the files it carries (the console publisher: the built console and the version's
 * compliance report).
 */
export function buildFunction(name: string, version = WORKSPACE_VERSION): Uint8Array {
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
  const files = { 'index.js': bundle.contents, ...(name === 'console-publisher' ? consoleFiles(version) : {}) };
  return zipSync(Object.fromEntries(Object.entries(files).map(([path, content]) => [path, [content, { mtime: ARCHIVE_TIME }]])), { level: 9 });
}

/**
 * The console build (npm run build:console) under `console/`, with the version's compliance report,
 * which the About screen links to.
 */
export function consoleFiles(version: string): Record<string, Uint8Array> {
  if (consoleBuildIsStale()) throw new Error('build/console is missing or older than services/console: run npm run build:console first');
  const report = join(evidenceDirectory(version), 'compliance-report.html');
  if (!existsSync(report)) throw new Error(`${report} does not exist: run npm run compliance`);
  return {
    ...Object.fromEntries(publishedKeys(CONSOLE_BUILD_DIRECTORY).map((key) => [`${PUBLISHED_DIRECTORY}/${key}`, readFileSync(join(CONSOLE_BUILD_DIRECTORY, key))])),
    [`${PUBLISHED_DIRECTORY}${COMPLIANCE_REPORT_PATH}`]: readFileSync(report),
  };
}

/** Writes every function archive to `<outdir>/functions/<name>.zip` and returns their paths. */
export async function buildFunctions(outdir: string): Promise<string[]> {
  if (consoleBuildIsStale()) await buildConsole();
  mkdirSync(join(outdir, 'functions'), { recursive: true });
  return RELEASED_FUNCTIONS.map((name) => {
    const path = join(outdir, 'functions', `${name}.zip`);
    writeFileSync(path, buildFunction(name));
    return path;
  });
}

