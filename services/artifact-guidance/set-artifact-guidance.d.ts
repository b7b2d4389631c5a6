import type { ServiceCatalogClient } from '@aws-sdk/client-service-catalog';

/** The part of a CloudFormation custom resource request the guidance function reads. */
export interface GuidanceRequest {
  RequestType: 'Create' | 'Update' | 'Delete';
  ResponseURL: string;
  StackId: string;
  RequestId: string;
  LogicalResourceId: string;
  PhysicalResourceId?: string;
  ResourceProperties: { ProductId: string; DeprecatedVersions?: string[] };
}

export function handleEvent(event: GuidanceRequest, catalog: ServiceCatalogClient): Promise<void>;
export function handler(event: GuidanceRequest): Promise<void>;
