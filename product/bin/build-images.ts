import { WORKSPACE_VERSION } from '../versions/workspace-version';
import { buildImages } from '../images/build-images';
import { writeImageFiles } from '../images/image-files';

/** npm run build:images: builds the images of the version under development and writes their files. */
async function main(): Promise<void> {
  const { record, images } = await buildImages({ version: WORKSPACE_VERSION });
  for (const path of writeImageFiles(record, images)) console.log(`build:images: wrote ${path}`);
}

main().catch((error: Error) => {
  console.error(`build:images: ${error.message}`);
  process.exit(1);
});
