import { Aws, Fn } from 'aws-cdk-lib';
import * as servicecatalog from 'aws-cdk-lib/aws-servicecatalog';
import { CatalogParameters } from './catalog-parameters';

/** A released workspace version as the catalog offers it. */
export interface OfferedVersion {
  /** The semantic version: the provisioning artifact's name. */
  readonly version: string;
  /** The changelog summary: the provisioning artifact's description. */
  readonly summary: string;
  /** Marked `[DEPRECATED]` in the changelog: the artifact is made inactive. */
  readonly deprecated: boolean;
}

/** Where a published version's template is: `<MPS3KeyPrefix>workspace/<version>/workspace.template.json`. */
export function workspaceTemplateKey(parameters: CatalogParameters, version: string): string {
  return Fn.join('', [parameters.releaseKeyPrefix.valueAsString, `workspace/${version}/workspace.template.json`]);
}

/**
 * One provisioning artifact per released version, each loading its template by URL from the release
 * bucket. The definition of an artifact depends only on its own version and the parameters, so adding
 * a version leaves every earlier one unchanged and CloudFormation keeps its artifact ID (unlike
 * ProductStackHistory, whose asset URLs change when a new version is added: aws-cdk #24561).
 */
export function workspaceArtifacts(parameters: CatalogParameters, versions: OfferedVersion[]): servicecatalog.CloudFormationProductVersion[] {
  return versions.map(({ version, summary }) => ({
    productVersionName: version,
    description: summary,
    validateTemplate: true,
    cloudFormationTemplate: servicecatalog.CloudFormationTemplate.fromUrl(Fn.join('', [
      'https://', parameters.releaseBucketName.valueAsString, '.s3.', parameters.releaseBucketRegion.valueAsString, '.', Aws.URL_SUFFIX, '/',
      workspaceTemplateKey(parameters, version),
    ])),
  }));
}
