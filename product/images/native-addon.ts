import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { writeAtomically } from './downloads';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { sha256Hex } from './layer';

const REPOSITORY = join(__dirname, '../..');

/** Props of {@link betterSqlite3Addon}. */
export interface AddonBuild {
  /** The Node.js version the add-on is for. */
  readonly nodeVersion: string;
  /** That release's headers (`include/node/...` to content). */
  readonly headers: Map<string, Buffer>;
  /** Prints one progress line. */
  readonly progress: (line: string) => void;
  /** Where compiled add-ons are kept, by package, runtime and compiler. @default - none: compile every time */
  readonly cache?: string;
}

/**
 * better-sqlite3's native add-on compiled for the image's Node.js (its ABI differs from the
 * repository's), with node-gyp against that release's own headers and this machine's compiler. The
 * result is cached by the package version, the runtime and the compiler; the compile is deterministic
 * (the same bytes from two checkouts in different directories), so the image digest does not depend on
 * where the repository is.
 */
export function betterSqlite3Addon(build: AddonBuild): Buffer {
  const source = join(REPOSITORY, 'node_modules/better-sqlite3');
  const version = JSON.parse(readFileSync(join(source, 'package.json'), 'utf8')).version as string;
  const compiler = execFileSync('c++', ['--version'], { encoding: 'utf8' }).split('\n')[0];
  const cached = build.cache && join(build.cache, `better-sqlite3-${version}-node-${build.nodeVersion}-${sha256Hex(compiler).slice(0, 12)}.node`);
  if (cached && existsSync(cached)) return readFileSync(cached);
  build.progress(`  compiling better-sqlite3 ${version} for Node.js ${build.nodeVersion} (${compiler})`);
  const work = mkdtempSync(join(tmpdir(), 'workspace-addon-'));
  try {
    const nodedir = join(work, 'node');
    for (const [path, content] of build.headers) {
      mkdirSync(dirname(join(nodedir, path)), { recursive: true });
      writeFileSync(join(nodedir, path), content);
    }
    const packageDir = join(work, 'better-sqlite3');
    cpSync(source, packageDir, { recursive: true, filter: (path) => !path.startsWith(join(source, 'build')) });
    execFileSync(process.execPath, [nodeGyp(), 'rebuild', '--release', `--nodedir=${nodedir}`, '-j', 'max'], { cwd: packageDir, stdio: ['ignore', 'ignore', 'pipe'] });
    const addon = readFileSync(join(packageDir, 'build/Release/better_sqlite3.node'));
    if (cached) writeAtomically(cached, addon);
    return addon;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** node-gyp as npm bundles it (npm sets npm_config_node_gyp in scripts; otherwise beside the running node). */
function nodeGyp(): string {
  const candidates = [
    process.env.npm_config_node_gyp,
    join(dirname(process.execPath), '../lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js'),
  ];
  const found = candidates.find((candidate) => candidate && existsSync(candidate));
  if (!found) throw new Error('node-gyp was not found: it comes with npm; run the build through npm (npm run build:images)');
  return found;
}
