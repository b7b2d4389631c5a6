import { writeRelease } from '../synthesis/synthesize';

writeRelease().then(
  (paths) => { for (const path of paths) console.log(`synth: wrote ${path}`); },
  (error: Error) => {
    console.error(`synth: ${error.message}`);
    process.exit(1);
  },
);
