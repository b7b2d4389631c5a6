import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WORKSPACE_VERSION } from '../../versions/workspace-version';
import { buildImages, megabytes } from '../build-images';
import { ENGINE_IMAGE, WORKSPACE_IMAGES, WorkspaceImage } from '../workspace-images';

/**
 * `npm run bench:images`: builds both images cold (an empty build cache: every layer compressed and
 * the SQLite add-on compiled; the downloads, which are the network's time, stay cached), then warm
 * after a change to the engine's application layer (as a source change makes it), and compares each
 * image's compressed size with node:20-slim's published one. Targets: sizes at most 0.8x the baseline,
 * a warm rebuild under 60 s.
 */
const NODE_SLIM_COMPRESSED_BYTES = 70_000_000;

async function timed(label: string, images: WorkspaceImage[], cache: string) {
  const started = process.hrtime.bigint();
  const result = await buildImages({ version: WORKSPACE_VERSION, images, cache, progress: () => undefined });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(`${label.padEnd(44)} ${seconds.toFixed(1).padStart(6)} s`);
  return { seconds, result };
}

/** The engine image with one more file in its application layer: what any change to its sources does to the build. */
function changedEngine(marker: string): WorkspaceImage {
  return {
    ...ENGINE_IMAGE,
    application(build) {
      const application = ENGINE_IMAGE.application(build);
      application.layer.file('/opt/engine/bench-change.txt', marker);
      return application;
    },
  };
}

async function main(): Promise<void> {
  const cache = mkdtempSync(join(tmpdir(), 'workspace-images-bench-'));
  try {
    const cold = await timed('cold build, both images (empty cache)', WORKSPACE_IMAGES, cache);
    const warm = await timed('warm rebuild, nothing changed', WORKSPACE_IMAGES, cache);
    const changed = await timed('warm rebuild after an engine source change', [changedEngine(String(Date.now())), ...WORKSPACE_IMAGES.slice(1)], cache);
    console.log(`\nwarm rebuild after a change / cold: ${(changed.seconds / cold.seconds).toFixed(2)} (target: under 60 s on 2 cores: ${changed.seconds < 60 ? 'met' : 'NOT met'})`);
    console.log(`nothing changed / cold: ${(warm.seconds / cold.seconds).toFixed(2)}\n`);
    console.log(`${'image'.padEnd(18)} ${'compressed'.padStart(10)}  vs node:20-slim (~${megabytes(NODE_SLIM_COMPRESSED_BYTES)})`);
    for (const [name, image] of Object.entries(cold.result.record.images)) {
      const ratio = image.compressedSize / NODE_SLIM_COMPRESSED_BYTES;
      console.log(`${name.padEnd(18)} ${megabytes(image.compressedSize).padStart(10)}  ${ratio.toFixed(2)}x (target 0.8x: ${ratio <= 0.8 ? 'met' : 'NOT met'})`);
    }
    const shared = cold.result.images[0].image.layers.filter((layer) => cold.result.images[1].image.layers.some((other) => other.digest === layer.digest));
    console.log(`layers shared by both images: ${shared.length} (${megabytes(shared.reduce((sum, layer) => sum + layer.size, 0))}), pulled once per task`);
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
}

main().catch((error: Error) => {
  console.error(`bench:images: ${error.message}`);
  process.exit(1);
});
