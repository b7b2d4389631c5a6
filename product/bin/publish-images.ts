import { Command } from 'commander';
import { publishImages } from '../images/publish-images';

/** `npm run publish:images -- <version>` (see README, "Container images"). */
const program = new Command('publish:images')
  .description('Rebuild a released version\'s container images, check their digests against its manifest, push them to the listing\'s ECR repositories and verify the pushed digests. Without AWS credentials it shows what it would push.')
  .argument('<version>', 'a released version (templates/workspace/<version>/manifest.json), built from the commit that released it')
  .option('--registry <host>', 'push to this registry (host[:port]) instead of the listing\'s ECR registry, keeping the repository paths')
  .option('--insecure', 'plain HTTP to --registry, for a registry on loopback', false)
  .action(async (version: string, options: { registry?: string; insecure: boolean }) => {
    const published = await publishImages(version, options);
    const pushed = published.filter((image) => image.pushed);
    console.log(`publish:images: ${pushed.length} of ${published.length} images pushed${pushed.length ? `: ${pushed.map((image) => `${image.destination}@${image.digest}`).join(', ')}` : ''}`);
  });

program.parseAsync().catch((error: Error) => {
  console.error(`publish:images: ${error.message}`);
  process.exit(1);
});
