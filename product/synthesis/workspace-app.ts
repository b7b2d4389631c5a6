import { App, DefaultStackSynthesizer, Stack, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks } from 'cdk-nag';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { CatalogStack } from '../catalog/catalog-stack';
import { ReleasedVersion, releasedVersions } from '../versions/released-versions';
import { WORKSPACE_VERSION } from '../versions/workspace-version';
import { WorkspaceStack } from '../workspace/workspace-stack';

/** Props of {@link buildWorkspaceApp}. */
export interface WorkspaceAppProps {
  /** Where the cloud assembly is written. @default - cdk.out */
  readonly outdir?: string;
  /** The version the workspace template is synthesized as. @default WORKSPACE_VERSION */
  readonly version?: string;
  /** The versions the portfolio offers. @default - every released version (templates/workspace/<version>/manifest.json) */
  readonly released?: ReleasedVersion[];
}

/** What {@link buildWorkspaceApp} builds. */
export interface WorkspaceApp {
  readonly app: App;
  /** The workspace product template of `version`. */
  readonly workspace: WorkspaceStack;
  /** The portfolio; absent before the first release, when there is no version to offer. */
  readonly catalog?: CatalogStack;
}

const synthesizer = () => new DefaultStackSynthesizer({ generateBootstrapVersionRule: false });

/**
 * The CDK app: the workspace product stack of one version (inside a holder stack that is never
 * deployed, because a ProductStack needs a parent) and the portfolio stack that offers every released
 * version by URL. Both are checked at synthesis by cdk-nag's AwsSolutions and HIPAA.Security packs
 * (and CDK's own template validator).
 */
export function buildWorkspaceApp(props: WorkspaceAppProps = {}): WorkspaceApp {
  const app = new App({
    outdir: props.outdir,
    context: { ...cxapi.CURRENTLY_RECOMMENDED_FLAGS, 'aws:cdk:version-reporting': false },
  });
  // The holder's ID is part of some logical IDs of the product (security group rules name their peer by
  // path), so it keeps the name it had when 1.0.0 was released.
  const holder = new Stack(app, 'WorkspaceCatalog', { synthesizer: synthesizer(), analyticsReporting: false });
  Validations.of(holder).acknowledge({ id: 'CloudFormation-Validate::F0001', reason: 'The holder stack is never deployed: it only gives the product stack the parent a ProductStack needs.' });
  const workspace = new WorkspaceStack(holder, 'Workspace', { version: props.version ?? WORKSPACE_VERSION });
  const released = props.released ?? releasedVersions();
  const catalog = released.length === 0 ? undefined : new CatalogStack(app, 'WorkspacePortfolio', {
    versions: released,
    templates: released.map((version) => version.template()),
    synthesizer: synthesizer(),
    analyticsReporting: false,
  });
  // Synthesis fails on any finding of these packs that is not acknowledged with a reason.
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new HIPAASecurityChecks(app));
  return { app, workspace, catalog };
}
