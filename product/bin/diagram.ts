import { writeDiagram } from '../diagram/diagram-files';
import { WORKSPACE_VERSION } from '../versions/workspace-version';

async function main(args: string[]): Promise<void> {
  if (args.length > 1) throw new Error(`diagram: usage: npm run diagram -- [version]; give one version, or none for the version under development (${WORKSPACE_VERSION})`);
  console.log(`diagram: wrote ${(await writeDiagram(args[0] ?? WORKSPACE_VERSION)).join(', ')}`);
}

main(process.argv.slice(2)).catch((error: Error) => {
  console.error(error.message);
  process.exitCode = 1;
});
