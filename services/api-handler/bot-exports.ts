import { GetObjectCommand, ListObjectsV2Command, NoSuchKey, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { NotFoundError } from '../workspace-data/workflow-store';
import { BOT_EXPORTS_PREFIX } from './contract';
import { ApiError } from './responses';

/** One saved export: its key in the bucket, its file name, size and when it was saved. */
export interface BotExport {
  readonly key: string;
  readonly name: string;
  readonly size: number;
  readonly savedAt: string;
}

/** The most exports a list returns (one S3 page). */
const LISTED_EXPORTS = 1000;

/**
 * The seed's bot import and export: each user's exported bots in their own folder of the import/export
 * bucket (`exports/<owner>/`), where the API writes and reads them for that user only.
 */
export class BotExports {
  constructor(private readonly s3: S3Client, private readonly bucket: string) {}

  /** The owner's folder; an owner is a user pool `sub`, which holds no `/`. */
  folder(owner: string): string {
    if (!/^[\w-]+$/.test(owner)) throw new ApiError(401, 'unauthenticated', 'the request carries no user whose exports these could be');
    return `${BOT_EXPORTS_PREFIX}/${owner}/`;
  }

  /** The owner's exports, newest first. */
  async list(owner: string): Promise<BotExport[]> {
    const folder = this.folder(owner);
    const listed = await this.s3.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: folder, MaxKeys: LISTED_EXPORTS }));
    return (listed.Contents ?? [])
      .map((object) => ({ key: object.Key!, name: object.Key!.slice(folder.length), size: object.Size ?? 0, savedAt: object.LastModified!.toISOString() }))
      .sort((a, b) => b.savedAt.localeCompare(a.savedAt) || b.key.localeCompare(a.key));
  }

  /** Saves `content` as `fileName` in the owner's folder. */
  async save(owner: string, fileName: string, content: string, now: Date): Promise<BotExport> {
    const key = `${this.folder(owner)}${fileName}`;
    await this.s3.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: content, ContentType: 'application/json' }));
    return { key, name: fileName, size: Buffer.byteLength(content), savedAt: now.toISOString() };
  }

  /** The text of one of the owner's exports; another folder's key is not theirs to read. */
  async read(owner: string, key: string): Promise<string> {
    if (!key.startsWith(this.folder(owner)) || key.slice(this.folder(owner).length).includes('/')) {
      throw new NotFoundError(`${key} is not one of your exports`);
    }
    try {
      const object = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return await object.Body!.transformToString();
    } catch (error) {
      if (error instanceof NoSuchKey) throw new NotFoundError(`${key} is not one of your exports`);
      throw error;
    }
  }
}
