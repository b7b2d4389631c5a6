import { Aws, CfnRule, Fn, Stack, StackProps } from 'aws-cdk-lib';
import * as servicecatalog from 'aws-cdk-lib/aws-servicecatalog';
import { Construct } from 'constructs';
import { DOCUMENTDB_INSTANCE_CLASSES } from '../workspace/parameters/data-stores';
import { acceptNagFinding } from '../shared/policy-exceptions';
import { SUPPORTED_REGIONS } from '../shared/supported-regions';
import { CatalogParameters, MAX_SHARED_ACCOUNTS } from './catalog-parameters';
import { WorkspaceLaunchRole } from './launch-role';
import { PortfolioAdministration } from './portfolio-administration';
import { StackEvents } from './stack-events';
import { OfferedVersion, workspaceArtifacts } from './workspace-artifacts';

/** Props of {@link CatalogStack}. */
export interface CatalogStackProps extends StackProps {
  /** The released versions the product offers, oldest first; one provisioning artifact each. */
  readonly versions: OfferedVersion[];
  /** The released templates, whose resource types the launch role may create. */
  readonly templates: Record<string, any>[];
  /**
   * The DocumentDB instance classes buyers may choose through the catalog (a template constraint).
   * @default - the large and xlarge memory-optimized classes, which keep a workspace's cost predictable
   */
  readonly documentDbInstanceClasses?: string[];
  /** TagOptions buyers choose from when they launch. @default {@link DEFAULT_TAG_OPTIONS} */
  readonly tagOptions?: Record<string, string[]>;
}

/** The TagOptions of the portfolio: who pays, which stage, how sensitive the data is. */
export const DEFAULT_TAG_OPTIONS: Record<string, string[]> = {
  CostCenter: ['engineering', 'operations', 'security'],
  Environment: ['production', 'staging', 'development'],
  DataClassification: ['public', 'internal', 'confidential', 'restricted'],
};
const DEFAULT_DOCUMENTDB_CLASSES = DOCUMENTDB_INSTANCE_CLASSES.filter((name) => /\.(large|xlarge)$/.test(name));
const SUPPORT = { email: 'support@automation-workspace.example.com', url: 'https://automation-workspace.example.com/support' };

/**
 * The Service Catalog portfolio of the Workspace, deployable on its own: the portfolio, the Workspace
 * product with one provisioning artifact per released version, the local launch role, TagOptions,
 * template constraints (Regions, DocumentDB instance classes), a stack-event notification constraint,
 * shares with the accounts and organization nodes given as parameters, and deprecated versions inactive.
 */
export class CatalogStack extends Stack {
  readonly portfolio: servicecatalog.Portfolio;
  readonly product: servicecatalog.CloudFormationProduct;

  constructor(scope: Construct, id: string, props: CatalogStackProps) {
    super(scope, id, props);
    if (props.versions.length === 0) throw new Error('CatalogStack: versions is empty; release a workspace version first (npm run release -- <version>)');
    const parameters = new CatalogParameters(this, 'Parameters');
    this.templateOptions.description = 'Automation Workspace: the Service Catalog portfolio with every released version of the Workspace product.';
    new CfnRule(this, 'SupportedRegion', {
      assertions: [{
        assert: Fn.conditionContains(SUPPORTED_REGIONS, Aws.REGION),
        assertDescription: `The Automation Workspace portfolio is offered in ${SUPPORTED_REGIONS.join(' and ')} only.`,
      }],
    });

    this.portfolio = new servicecatalog.Portfolio(this, 'Portfolio', {
      displayName: 'Automation Workspace',
      providerName: 'Automation Workspace',
      description: 'The self-hosted automation workspace, deployed into your own AWS account, in every released version.',
    });
    this.product = new servicecatalog.CloudFormationProduct(this, 'Product', {
      productName: 'Workspace',
      owner: 'Automation Workspace',
      distributor: 'Automation Workspace',
      description: 'The complete automation workspace: network, engine, functions, data stores, API and sign-in.',
      supportEmail: SUPPORT.email,
      supportUrl: SUPPORT.url,
      supportDescription: 'Upgrade one version at a time, in order; every version is checked to keep your data stores in place.',
      replaceProductVersionIds: false,
      productVersions: workspaceArtifacts(parameters, props.versions),
    });
    this.portfolio.addProduct(this.product);
    this.constrain(parameters, props);
    this.share(parameters);
  }

  private constrain(parameters: CatalogParameters, props: CatalogStackProps): void {
    const bucket = parameters.releaseBucketName.valueAsString;
    const key = `${parameters.releaseKeyPrefix.valueAsString}workspace/*`;
    const launchRoleConstruct = new WorkspaceLaunchRole(this, 'LaunchRole', {
      roleName: parameters.launchRoleName.valueAsString,
      templates: props.templates,
      // The function code is read from the bucket, or from its regional copy <bucket>-<region>.
      releaseObjectArns: [`arn:${Aws.PARTITION}:s3:::${bucket}/${key}`, `arn:${Aws.PARTITION}:s3:::${bucket}-*/${key}`],
      boundaryArn: parameters.permissionsBoundaryArn.valueAsString,
      boundaryGiven: parameters.permissionsBoundaryGiven,
    });
    const launchRole = launchRoleConstruct.role;
    // Portfolio.setLocalLaunchRoleName cannot take a parameter (it names a construct after the role), so
    // the constraint is declared directly. Service Catalog checks that the role exists when it is created.
    const launchConstraint = new servicecatalog.CfnLaunchRoleConstraint(this, 'LaunchRoleConstraint', {
      portfolioId: this.portfolio.portfolioId,
      productId: this.product.productId,
      localRoleName: launchRole.roleName,
      description: 'Launch the workspace with the local launch role of the account, so the portfolio works where it is shared.',
    });
    launchConstraint.node.addDependency(launchRole, ...this.productAssociations());

    const events = new StackEvents(this, 'StackEvents', { email: parameters.notificationEmail.valueAsString });
    launchRoleConstruct.allowNotifications(events.topic.topicArn, events.key.keyArn);
    new PortfolioAdministration(this, 'Administration', {
      portfolio: this.portfolio, product: this.product, key: events.key,
      deprecatedVersions: props.versions.filter((version) => version.deprecated).map((version) => version.version),
      organizationNodes: Fn.split(',', parameters.shareWithOrganizationNodes.valueAsString),
      organizationSharesGiven: parameters.organizationSharesGiven,
    });
    this.portfolio.notifyOnStackEvents(this.product, events.topic);

    this.portfolio.associateTagOptions(new servicecatalog.TagOptions(this, 'TagOptions', {
      allowedValuesForTags: props.tagOptions ?? DEFAULT_TAG_OPTIONS,
    }));
    const classes = props.documentDbInstanceClasses ?? DEFAULT_DOCUMENTDB_CLASSES;
    this.portfolio.constrainCloudFormationParameters(this.product, {
      description: 'Supported Regions and approved DocumentDB instance classes.',
      rule: {
        ruleName: 'WorkspaceLaunchPolicy',
        assertions: [
          { assert: Fn.conditionContains(SUPPORTED_REGIONS, Aws.REGION), description: `The workspace runs in ${SUPPORTED_REGIONS.join(' and ')} only.` },
          { assert: Fn.conditionContains(classes, Fn.ref('DocumentDbInstanceClass')), description: `Choose a DocumentDB instance class approved for this portfolio: ${classes.join(', ')}.` },
        ],
      },
    });
  }

  private productAssociations(): servicecatalog.CfnPortfolioProductAssociation[] {
    return this.portfolio.node.findAll().filter((child): child is servicecatalog.CfnPortfolioProductAssociation =>
      child instanceof servicecatalog.CfnPortfolioProductAssociation);
  }

  private share(parameters: CatalogParameters): void {
    for (let index = 0; index < MAX_SHARED_ACCOUNTS; index++) {
      const share = new servicecatalog.CfnPortfolioShare(this, `Share${index + 1}`, {
        portfolioId: this.portfolio.portfolioId,
        accountId: parameters.sharedAccountId(index),
        shareTagOptions: true,
      });
      share.cfnOptions.condition = parameters.sharedAccountGiven(index);
      const reason = 'The share exists only under a condition that holds when ShareWithAccountIds has this account ID, so the ID is never empty.';
      acceptNagFinding(share, 'CloudFormation-Validate::W1035', reason);
    }
  }
}
