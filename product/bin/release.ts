import { Command } from 'commander';
import { RELEASE_STEPS } from '../release/release-steps';
import { release } from '../release/release';
import { WORKSPACE_VERSION } from '../versions/workspace-version';

/** `npm run release -- <version>`: checks and writes a workspace release (see README, "Releases"). */
const program = new Command('release')
  .description('Release the workspace version under development: synth, static checks, upgrade safety, then the bundle, manifest and changelog entry.')
  .argument('<version>', 'the semantic version to release; must be package.json\'s version and higher than the latest release')
  .action(async (version: string) => {
    const written = await release(version, { developmentVersion: WORKSPACE_VERSION, steps: RELEASE_STEPS });
    for (const path of written) console.log(`release: wrote ${path}`);
    console.log(`release: ${version} is released; commit it, then raise package.json "version" to the next one (npm version minor --no-git-tag-version) and npm run synth`);
  });

program.parseAsync().catch((error: Error) => {
  console.error(`release: ${error.message}`);
  process.exit(1);
});
