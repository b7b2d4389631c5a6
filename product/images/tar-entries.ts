import { Readable } from 'node:stream';
import { extract, Header } from 'tar-stream';

/** One entry read from a tar archive, with its content (empty for anything but a file). */
export interface TarEntry {
  readonly header: Header;
  readonly content: Buffer;
}

/** Every entry of an uncompressed tar, in archive order. */
export async function readTar(tar: Buffer): Promise<TarEntry[]> {
  const entries: TarEntry[] = [];
  const reader = extract();
  Readable.from([tar]).pipe(reader);
  for await (const entry of reader) {
    const chunks: Buffer[] = [];
    for await (const chunk of entry) chunks.push(chunk as Buffer);
    entries.push({ header: entry.header, content: Buffer.concat(chunks) });
  }
  return entries;
}
