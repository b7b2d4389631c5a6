import type { EC2Client } from '@aws-sdk/client-ec2';

/** The part of a CloudFormation custom resource request the closer reads. */
export interface ClosureRequest {
  RequestType: 'Create' | 'Update' | 'Delete';
  ResponseURL: string;
  StackId: string;
  RequestId: string;
  LogicalResourceId: string;
  PhysicalResourceId?: string;
  ResourceProperties: { VpcId: string };
}

export function handleEvent(event: ClosureRequest, ec2: EC2Client): Promise<void>;
export function handler(event: ClosureRequest): Promise<void>;
