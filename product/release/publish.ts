import { GetObjectCommand, HeadBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readManifest, sha256, verifyBundle } from '../versions/manifest';
import { isReleased, MANIFEST_FILE, versionDirectory } from '../versions/released-versions';

/** Options of {@link publish}. */
export interface PublishOptions {
  /** The release bucket (`MPS3BucketName`), in the first of `regions`. */
  readonly bucket: string;
  /** Regions to publish to; the first is the bucket's (`MPS3BucketRegion`), the others get `<bucket>-<region>`. */
  readonly regions: string[];
  /** Key prefix above `workspace/<version>/`. @default '' */
  readonly keyPrefix?: string;
  /** The S3 client of a Region. @default - an S3Client of that Region with the default credentials */
  readonly clientFor?: (region: string) => S3Client;
  /** Prints one progress line. @default console.log */
  readonly progress?: (line: string) => void;
}

/** Where one Region's copy goes. */
export interface PublishTarget {
  readonly region: string;
  readonly bucket: string;
  /** `<keyPrefix>workspace/<version>/`, the workspace template's `MPS3KeyPrefix`. */
  readonly prefix: string;
}

const REGION = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;
const BUCKET = /^[0-9a-z][0-9a-z.-]{1,61}[0-9a-z]$/;

/** The bucket and prefix of each Region, validated; the workspace template reads from exactly these. */
export function publishTargets(version: string, options: Pick<PublishOptions, 'bucket' | 'regions' | 'keyPrefix'>): PublishTarget[] {
  if (!BUCKET.test(options.bucket)) throw new Error(`--bucket "${options.bucket}" is not an S3 bucket name (3 to 63 lowercase letters, digits, dots, hyphens)`);
  if (options.regions.length === 0) throw new Error('--regions is empty: give the Regions to publish to, the bucket\'s own first, e.g. us-east-1,ap-south-1');
  const bad = options.regions.find((region) => !REGION.test(region));
  if (bad) throw new Error(`--regions: "${bad}" is not a Region code such as us-east-1`);
  const prefix = `${options.keyPrefix ?? ''}workspace/${version}/`;
  if (options.keyPrefix && !options.keyPrefix.endsWith('/')) throw new Error(`--key-prefix "${options.keyPrefix}" must end with /`);
  return options.regions.map((region, index) => ({ region, prefix, bucket: index === 0 ? options.bucket : `${options.bucket}-${region}` }));
}

/**
 * Uploads a released version's bundle to the release bucket of every Region, then reads every object
 * back and compares its sha256 with the manifest. The local bundle is verified against its manifest
 * before anything is uploaded.
 */
export async function publish(version: string, options: PublishOptions): Promise<PublishTarget[]> {
  if (!isReleased(version)) throw new Error(`${version} is not released (no templates/workspace/${version}/${MANIFEST_FILE}); run npm run release -- ${version} first`);
  const directory = versionDirectory(version);
  const problems = verifyBundle(directory);
  if (problems.length > 0) throw new Error(`the bundle of ${version} does not match its manifest:\n  ${problems.join('\n  ')}`);
  const targets = publishTargets(version, options);
  const files = [...Object.keys(readManifest(directory).files), MANIFEST_FILE];
  const progress = options.progress ?? console.log;
  const clientFor = options.clientFor ?? ((region: string) => new S3Client({ region }));
  for (const target of targets) {
    const s3 = clientFor(target.region);
    await s3.send(new HeadBucketCommand({ Bucket: target.bucket })).catch((error: Error) => {
      throw new Error(`bucket ${target.bucket} (${target.region}) is not reachable: ${error.name}; create it in ${target.region} first`);
    });
    for (const file of files) {
      const body = readFileSync(join(directory, file));
      await s3.send(new PutObjectCommand({ Bucket: target.bucket, Key: `${target.prefix}${file}`, Body: body, ChecksumAlgorithm: 'SHA256' }));
    }
    progress(`publish: ${target.region}: uploaded ${files.length} files to s3://${target.bucket}/${target.prefix}`);
    const mismatches = await verifyPublished(s3, target, version);
    if (mismatches.length > 0) throw new Error(`s3://${target.bucket}/${target.prefix} does not match the manifest after upload:\n  ${mismatches.join('\n  ')}`);
    progress(`publish: ${target.region}: every object's sha256 matches the manifest`);
  }
  return targets;
}

/** Objects of a published bundle whose content differs from the manifest, or that are missing. */
export async function verifyPublished(s3: S3Client, target: PublishTarget, version: string): Promise<string[]> {
  const manifest = readManifest(versionDirectory(version));
  const mismatches: string[] = [];
  for (const [file, expected] of Object.entries(manifest.files)) {
    const key = `${target.prefix}${file}`;
    try {
      const object = await s3.send(new GetObjectCommand({ Bucket: target.bucket, Key: key }));
      const actual = sha256(await object.Body!.transformToByteArray());
      if (actual !== expected) mismatches.push(`${key}: sha256 ${actual}, manifest ${expected}`);
    } catch (error) {
      mismatches.push(`${key}: ${(error as Error).name}`);
    }
  }
  return mismatches;
}
