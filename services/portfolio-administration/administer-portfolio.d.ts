import type { ServiceCatalogClient } from '@aws-sdk/client-service-catalog';

/** The properties of each resource type the function serves. */
export interface GuidanceProperties { ProductId: string; DeprecatedVersions?: string[] }
export interface OrganizationSharesProperties { PortfolioId: string; OrganizationNodes?: string[] }

/** The part of a CloudFormation custom resource request the function reads. */
export interface AdministrationRequest {
  RequestType: 'Create' | 'Update' | 'Delete';
  ResourceType: 'Custom::ProvisioningArtifactGuidance' | 'Custom::OrganizationShares';
  ResponseURL: string;
  StackId: string;
  RequestId: string;
  LogicalResourceId: string;
  PhysicalResourceId?: string;
  ResourceProperties: GuidanceProperties | OrganizationSharesProperties;
  OldResourceProperties?: GuidanceProperties | OrganizationSharesProperties;
}

export function handleEvent(event: AdministrationRequest, catalog: ServiceCatalogClient): Promise<void>;
export function handler(event: AdministrationRequest): Promise<void>;
