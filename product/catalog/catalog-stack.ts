import { Stack, StackProps } from 'aws-cdk-lib';
import * as servicecatalog from 'aws-cdk-lib/aws-servicecatalog';
import { Construct } from 'constructs';
import { WorkspaceStack } from '../workspace/workspace-stack';

/** Props of {@link CatalogStack}. */
export interface CatalogStackProps extends StackProps {
  /** The workspace version the product offers. */
  readonly version: string;
}

/**
 * The Service Catalog side of a release: a portfolio with the Workspace product, whose provisioning
 * artifact is the workspace product stack defined inside this stack.
 */
export class CatalogStack extends Stack {
  readonly workspace: WorkspaceStack;
  readonly portfolio: servicecatalog.Portfolio;
  readonly product: servicecatalog.CloudFormationProduct;

  constructor(scope: Construct, id: string, props: CatalogStackProps) {
    super(scope, id, props);
    this.workspace = new WorkspaceStack(this, 'Workspace', { version: props.version });
    this.portfolio = new servicecatalog.Portfolio(this, 'Portfolio', {
      displayName: 'Automation Workspace',
      providerName: 'Automation Workspace',
      description: 'The self-hosted automation workspace, deployed into this account.',
    });
    this.product = new servicecatalog.CloudFormationProduct(this, 'Product', {
      productName: 'Workspace',
      owner: 'Automation Workspace',
      description: 'The complete automation workspace: network, engine, functions, data stores, API and sign-in.',
      productVersions: [{
        productVersionName: props.version,
        cloudFormationTemplate: servicecatalog.CloudFormationTemplate.fromProductStack(this.workspace),
      }],
    });
    this.portfolio.addProduct(this.product);
  }
}
