import { S3Client } from '@aws-sdk/client-s3';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { join } from 'node:path';
import { z } from 'zod';
import { PUBLISHED_DIRECTORY } from './contract';
import { publishConsole } from './publish';

const propertiesSchema = z.object({
  BucketName: z.string().min(3),
  Config: z.string().refine((text) => { try { return typeof JSON.parse(text) === 'object'; } catch { return false; } }, 'Config must be a JSON object'),
});

/**
 * CloudFormation custom resource `Custom::ConsolePublication`: on create and update, publishes the
 * console this archive carries and its `/config.json` to the console bucket. On delete nothing is
 * removed: the bucket is retained with the stack, like every workspace bucket.
 */
export async function handler(event: CloudFormationCustomResourceEvent): Promise<void> {
  const physicalId = event.RequestType === 'Create' ? `console-publication-${event.RequestId}` : event.PhysicalResourceId;
  try {
    if (event.RequestType !== 'Delete') {
      const properties = propertiesSchema.parse(event.ResourceProperties);
      const keys = await publishConsole(new S3Client({}), properties.BucketName, join(__dirname, PUBLISHED_DIRECTORY), properties.Config);
      console.log(JSON.stringify({ published: keys.length, bucket: properties.BucketName }));
    }
    await respond(event, 'SUCCESS', physicalId);
  } catch (error) {
    console.error(error);
    await respond(event, 'FAILED', physicalId, error instanceof z.ZodError ? error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ') : (error as Error).message);
  }
}

/** The custom resource's answer, put to CloudFormation's pre-signed URL. */
async function respond(event: CloudFormationCustomResourceEvent, status: 'SUCCESS' | 'FAILED', physicalId: string, reason?: string): Promise<void> {
  const response = await fetch(event.ResponseURL, {
    method: 'PUT',
    // The URL is signed for an empty content type, as CloudFormation's own cfn-response sends it.
    headers: { 'content-type': '' },
    body: JSON.stringify({
      Status: status, Reason: reason ?? status, PhysicalResourceId: physicalId,
      StackId: event.StackId, RequestId: event.RequestId, LogicalResourceId: event.LogicalResourceId,
    }),
  });
  if (!response.ok) throw new Error(`CloudFormation refused the response: ${response.status}`);
}
