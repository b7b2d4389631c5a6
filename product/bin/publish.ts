import { Command } from 'commander';
import { publish } from '../release/publish';

/** `npm run publish -- <version> --bucket <name> --regions us-east-1,ap-south-1` (see README, "Releases"). */
const program = new Command('publish')
  .description('Upload a released workspace bundle to the release bucket of each Region and verify every object against the manifest.')
  .argument('<version>', 'a released version (templates/workspace/<version>/manifest.json)')
  .requiredOption('--bucket <name>', 'the release bucket (MPS3BucketName), in the first Region; other Regions use <name>-<region>')
  .requiredOption('--regions <list>', 'comma-separated Regions, the bucket\'s own first', (value: string) => value.split(',').map((region) => region.trim()).filter(Boolean))
  .option('--key-prefix <prefix>', 'key prefix above workspace/<version>/ (the portfolio\'s MPS3KeyPrefix)', '')
  .action(async (version: string, options: { bucket: string; regions: string[]; keyPrefix: string }) => {
    const targets = await publish(version, options);
    console.log(`publish: ${version} is in ${targets.map((target) => `s3://${target.bucket}/${target.prefix}`).join(', ')}`);
  });

program.parseAsync().catch((error: Error) => {
  console.error(`publish: ${error.message}`);
  process.exit(1);
});
