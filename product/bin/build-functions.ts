import { join } from 'node:path';
import { buildFunctions } from '../functions/build-functions';

const REPOSITORY = join(__dirname, '../..');

buildFunctions(join(REPOSITORY, 'build')).then((paths) => {
  for (const path of paths) console.log(`build-functions: wrote ${path.slice(REPOSITORY.length + 1)}`);
}, (error) => {
  console.error(`build-functions: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
