import { PutObjectCommand, PutObjectCommandInput, S3Client } from '@aws-sdk/client-s3';
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';

/** Content types of the files a console build contains; any other file is refused, naming it. */
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Vite names every file under assets/ by its content hash, so browsers and CloudFront may keep them for
 * a year; every other file (index.html, config.json) is revalidated, so a new version shows at once.
 */
function cacheControl(key: string): string {
  return key.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
}

/** The files under `directory`, as bucket keys with `/` separators. */
export function publishedKeys(directory: string): string[] {
  return readdirSync(directory, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(directory, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}

export function contentType(key: string): string {
  const type = CONTENT_TYPES[extname(key).toLowerCase()];
  if (!type) throw new Error(`${key}: no content type for ${extname(key) || 'a file without extension'}; add it to CONTENT_TYPES in services/console-publisher/publish.ts`);
  return type;
}

/**
 * Writes every file of the console build in `directory` to `bucket`, then `config.json` (last, so the
 * app it configures is complete when it appears). Files of earlier versions stay: a browser still on
 * the previous version loads its own chunks. Returns the keys written.
 */
export async function publishConsole(s3: S3Client, bucket: string, directory: string, config: string): Promise<string[]> {
  const keys = publishedKeys(directory);
  for (const key of keys) {
    await put(s3, { Bucket: bucket, Key: key, Body: readFileSync(join(directory, key)), ContentType: contentType(key), CacheControl: cacheControl(key) });
  }
  await put(s3, { Bucket: bucket, Key: 'config.json', Body: config, ContentType: CONTENT_TYPES['.json'], CacheControl: 'no-cache' });
  return [...keys, 'config.json'];
}

/** One PutObject; a refusal names the object and what S3 answered, for the stack's event. */
async function put(s3: S3Client, input: PutObjectCommandInput): Promise<void> {
  try {
    await s3.send(new PutObjectCommand(input));
  } catch (error) {
    const { name, message, $metadata } = error as Error & { $metadata?: { httpStatusCode?: number } };
    throw new Error(`s3://${input.Bucket}/${input.Key}: PutObject failed with ${$metadata?.httpStatusCode ?? 'no'} status, ${name}: ${message}`);
  }
}
