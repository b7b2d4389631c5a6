import { ImagesRecord } from '../images/image-record';
import { ReleasedVersion } from '../versions/released-versions';

/** What a release step reads and adds to. Files are written only after every step has passed. */
export interface ReleaseContext {
  /** The version being released. */
  readonly version: string;
  /** The release before it, which the upgrade check compares with; absent for the first release. */
  readonly previous?: ReleasedVersion;
  /** The synthesized workspace template (set by the synth step). */
  template: Record<string, any>;
  /** Its text, exactly as released. */
  templateText: string;
  /** The images the version pins (set by the images step); the manifest records their digests. */
  images?: ImagesRecord;
  /** Adds a file to the release bundle (`templates/workspace/<version>/<path>`, uploaded under `<MPS3KeyPrefix>`). */
  addFile(path: string, content: Uint8Array | string): void;
}

/** One step of `npm run release`: a progress line with its title, then `run`, which throws to stop the release. */
export interface ReleaseStep {
  readonly title: string;
  run(release: ReleaseContext): void | Promise<void>;
}
