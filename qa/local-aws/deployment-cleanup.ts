import { CloudFormationClient, DeleteStackCommand, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { DeleteBucketCommand, DeleteBucketPolicyCommand, DeleteObjectsCommand, ListObjectVersionsCommand, S3Client } from '@aws-sdk/client-s3';

/** Deletes a stack and waits until CloudFormation reports it gone (moto deletes synchronously). */
export async function deleteStack(cloudformation: CloudFormationClient, stackId: string, timeoutMs: number): Promise<void> {
  await cloudformation.send(new DeleteStackCommand({ StackName: stackId }));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const [stack] = (await cloudformation.send(new DescribeStacksCommand({ StackName: stackId }))).Stacks ?? [];
    if (!stack || stack.StackStatus === 'DELETE_COMPLETE') return;
    if (stack.StackStatus === 'DELETE_FAILED') throw new Error(`stack ${stackId} could not be deleted: ${stack.StackStatusReason}`);
    await new Promise((resolve) => setTimeout(resolve, 10_000));
  }
  throw new Error(`stack ${stackId} was not deleted within ${timeoutMs / 1000} s`);
}

/**
 * Empties a bucket of every object version and delete marker, then deletes it. Test buckets only:
 * the bucket policy goes first (moto evaluates its TLS-only statement without its condition, as a
 * denial of everything), and governance-mode Object Lock is bypassed (needs s3:BypassGovernanceRetention).
 */
export async function deleteBucket(s3: S3Client, bucket: string): Promise<void> {
  await s3.send(new DeleteBucketPolicyCommand({ Bucket: bucket }));
  for (;;) {
    const listing = await s3.send(new ListObjectVersionsCommand({ Bucket: bucket }));
    const objects = [...(listing.Versions ?? []), ...(listing.DeleteMarkers ?? [])].map((version) => ({ Key: version.Key!, VersionId: version.VersionId }));
    if (objects.length === 0) break;
    await s3.send(new DeleteObjectsCommand({ Bucket: bucket, BypassGovernanceRetention: true, Delete: { Objects: objects, Quiet: true } }));
  }
  await s3.send(new DeleteBucketCommand({ Bucket: bucket }));
}
