import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const DOCKERFILE = join(__dirname, 'Dockerfile');

/**
 * The node flags of the image's CMD (`CMD ["node", ...flags, "sidecar.js"]` in services/metering/Dockerfile),
 * the one place they are written: the benchmark runs the bundle with them, and a test holds
 * `npm run metering` to them.
 */
export function imageNodeFlags(dockerfile = readFileSync(DOCKERFILE, 'utf8')): string[] {
  const cmd = /^CMD (\[.*\])$/m.exec(dockerfile);
  const argv = cmd ? (JSON.parse(cmd[1]) as string[]) : [];
  if (argv[0] !== 'node' || argv.at(-1) !== 'sidecar.js') throw new Error(`${DOCKERFILE}: expected CMD ["node", ...flags, "sidecar.js"]`);
  return argv.slice(1, -1);
}
