import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { InlineConfig, Plugin } from 'vite';
import { stepKindCatalog } from '../workspace-data/definition/step-catalog';

/** Where the console is built: the files the stack copies to the console bucket. */
export const CONSOLE_BUILD_DIRECTORY = join(__dirname, '../../build/console');
const SOURCE = __dirname;

/** `virtual:step-kinds`: the step palette and input forms, from the zod schemas the API checks definitions with. */
function stepKinds(): Plugin {
  const id = 'virtual:step-kinds';
  return {
    name: 'step-kinds',
    resolveId: (source) => (source === id ? `\0${id}` : undefined),
    load: (resolved) => (resolved === `\0${id}` ? `export default ${JSON.stringify(stepKindCatalog())};` : undefined),
  };
}

/** The Vite configuration of the console (no config file: the build, the local workspace and the tests share this one). */
export async function consoleViteConfig(outDir = CONSOLE_BUILD_DIRECTORY): Promise<InlineConfig> {
  // Vite and its React plugin are ES modules; loaded as such (not through require), their plugins resolve as in the CLI.
  const { default: react } = await import('@vitejs/plugin-react');
  return {
    configFile: false,
    root: SOURCE,
    base: '/',
    logLevel: 'warn',
    plugins: [react({}), stepKinds()],
    // Every browser the console supports preloads modules itself; no polyfill is shipped.
    build: { outDir, emptyOutDir: true, sourcemap: false, target: 'es2022', modulePreload: { polyfill: false } },
  };
}

/** Builds the console into `outDir`; returns the files written, relative to it. */
export async function buildConsole(outDir = CONSOLE_BUILD_DIRECTORY): Promise<string[]> {
  const { build } = await import('vite');
  await build(await consoleViteConfig(outDir));
  return listFiles(outDir);
}

/** What the build is made of: the app, its page and static files, the contract, this build, and the step schemas it embeds. */
const BUILD_INPUTS = ['src', 'public', 'index.html', 'contract.ts', 'build-console.ts', '../workspace-data/definition'].map((input) => join(SOURCE, input));

/** Whether the build is older than any of its inputs. */
export function consoleBuildIsStale(outDir = CONSOLE_BUILD_DIRECTORY): boolean {
  const index = join(outDir, 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  const files = BUILD_INPUTS.flatMap((input) => (statSync(input).isDirectory() ? listFiles(input).map((file) => join(input, file)) : [input]));
  return files.some((file) => statSync(file).mtimeMs > built);
}

function listFiles(directory: string): string[] {
  return readdirSync(directory, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(directory, join(entry.parentPath, entry.name)))
    .sort();
}

if (require.main === module) {
  buildConsole().then((files) => console.log(`build:console: wrote ${files.length} files to ${relative(process.cwd(), CONSOLE_BUILD_DIRECTORY)}`), (error) => {
    console.error(`build:console: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  });
}
