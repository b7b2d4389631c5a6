import { App, DefaultStackSynthesizer, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks } from 'cdk-nag';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CatalogStack } from '../catalog/catalog-stack';
import { WorkspaceStack } from '../workspace/workspace-stack';

/** The workspace version being built: the repository's package version. */
export const WORKSPACE_VERSION: string = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')).version;

/** Props of {@link buildRelease}. */
export interface ReleaseProps {
  /** Where the cloud assembly is written. @default - cdk.out */
  readonly outdir?: string;
  /** @default WORKSPACE_VERSION */
  readonly version?: string;
}

/**
 * The CDK app of a release: the catalog stack, which holds the workspace product stack, checked at
 * synthesis by cdk-nag's AwsSolutions and HIPAA.Security packs (and CDK's own template validator).
 */
export function buildRelease(props: ReleaseProps = {}): { app: App; catalog: CatalogStack; workspace: WorkspaceStack } {
  const app = new App({
    outdir: props.outdir,
    context: { ...cxapi.CURRENTLY_RECOMMENDED_FLAGS, 'aws:cdk:version-reporting': false },
  });
  const catalog = new CatalogStack(app, 'WorkspaceCatalog', {
    version: props.version ?? WORKSPACE_VERSION,
    synthesizer: new DefaultStackSynthesizer({ generateBootstrapVersionRule: false }),
    analyticsReporting: false,
  });
  // Synthesis fails on any finding of these packs that is not acknowledged with a reason.
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new HIPAASecurityChecks(app));
  return { app, catalog, workspace: catalog.workspace };
}

if (require.main === module) {
  buildRelease().app.synth();
}
