import { Aws, CfnCondition, CfnResource, CustomResource, Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as servicecatalog from 'aws-cdk-lib/aws-servicecatalog';
import { Construct } from 'constructs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { acceptGuardFindings, acceptNagFinding } from '../shared/policy-exceptions';
import { FUNCTION_RUNTIME } from '../workspace/workspace-function';

/** The custom resources' code, inlined into the template; CloudFormation accepts at most 4096 characters. */
export const ADMINISTRATION_SOURCE = join(__dirname, '../../services/portfolio-administration/administer-portfolio.js');
const INLINE_CODE_LIMIT = 4096;

/** Props of {@link PortfolioAdministration}. */
export interface PortfolioAdministrationProps {
  readonly portfolio: servicecatalog.Portfolio;
  readonly product: servicecatalog.CloudFormationProduct;
  /** Versions marked `[DEPRECATED]` in the changelog: their artifacts become inactive. */
  readonly deprecatedVersions: string[];
  /** AWS Organizations nodes (`o-…`, `ou-…`) the portfolio is shared with. */
  readonly organizationNodes: string[];
  /** Holds when there is an organization node to share with. */
  readonly organizationSharesGiven: CfnCondition;
  /** Encrypts the function's log group; its policy admits CloudWatch Logs for this account's log groups. */
  readonly key: kms.Key;
}

/**
 * What a template cannot say about the portfolio, done by one function behind two custom resources:
 * the artifacts of deprecated versions inactive (guidance DEPRECATED) and every other one active, on
 * every deployment; and the shares with AWS Organizations nodes.
 */
export class PortfolioAdministration extends Construct {
  constructor(scope: Construct, id: string, props: PortfolioAdministrationProps) {
    super(scope, id);
    const fn = this.administrator(props);
    new CustomResource(this, 'Guidance', {
      serviceToken: fn.functionArn,
      resourceType: 'Custom::ProvisioningArtifactGuidance',
      properties: { ProductId: props.product.productId, DeprecatedVersions: props.deprecatedVersions },
    });
    const shares = new CustomResource(this, 'OrganizationShares', {
      serviceToken: fn.functionArn,
      resourceType: 'Custom::OrganizationShares',
      properties: { PortfolioId: props.portfolio.portfolioId, OrganizationNodes: props.organizationNodes },
    });
    (shares.node.defaultChild as CfnResource).cfnOptions.condition = props.organizationSharesGiven;
  }

  private administrator(props: PortfolioAdministrationProps): lambda.Function {
    const source = readFileSync(ADMINISTRATION_SOURCE, 'utf8');
    if (source.length > INLINE_CODE_LIMIT) {
      throw new Error(`${ADMINISTRATION_SOURCE} has ${source.length} characters; inline function code may have at most ${INLINE_CODE_LIMIT}. Shorten it.`);
    }
    const logGroup = new logs.LogGroup(this, 'LogGroup', {
      encryptionKey: props.key, retention: logs.RetentionDays.ONE_YEAR, removalPolicy: RemovalPolicy.RETAIN,
    });
    props.key.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'CloudWatchLogsEncryptsThisAccountsLogGroups',
      principals: [new iam.ServicePrincipal(`logs.${Aws.REGION}.amazonaws.com`)],
      actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
      resources: ['*'],
      conditions: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:log-group:*` } },
    }));
    const role = new iam.Role(this, 'ExecutionRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Execution role of the function that sets artifact guidance and organization shares of the workspace portfolio.',
    });
    this.allow(role, props, logGroup);
    const fn = new lambda.Function(this, 'Function', {
      description: 'Marks deprecated workspace versions inactive and shares the portfolio with organization nodes.',
      runtime: FUNCTION_RUNTIME,
      handler: 'index.handler',
      code: lambda.Code.fromInline(source),
      memorySize: 256,
      timeout: Duration.minutes(2),
      reservedConcurrentExecutions: 1,
      role,
      logGroup,
    });
    fn.node.addDependency(role);
    const reason = 'The function runs on deployments of the portfolio and calls only the Service Catalog API: the portfolio has no VPC, and CloudFormation, which waits for its response, retries nothing a dead-letter queue would catch.';
    acceptNagFinding(fn, 'HIPAA.Security-LambdaInsideVPC', reason);
    acceptNagFinding(fn, 'HIPAA.Security-LambdaDLQ', reason);
    acceptGuardFindings(fn.node.defaultChild as lambda.CfnFunction, ['lambda_inside_vpc_check'], reason);
    return fn;
  }

  private allow(role: iam.Role, props: PortfolioAdministrationProps, logGroup: logs.LogGroup): void {
    const catalog = `arn:${Aws.PARTITION}:catalog:${Aws.REGION}:${Aws.ACCOUNT_ID}`;
    new iam.ManagedPolicy(this, 'Policy', {
      roles: [role],
      statements: [
        new iam.PolicyStatement({
          actions: ['servicecatalog:ListProvisioningArtifacts', 'servicecatalog:UpdateProvisioningArtifact'],
          resources: [`${catalog}:product/${props.product.productId}`],
        }),
        new iam.PolicyStatement({
          actions: ['servicecatalog:CreatePortfolioShare', 'servicecatalog:DeletePortfolioShare'],
          resources: [`${catalog}:portfolio/${props.portfolio.portfolioId}`],
        }),
        // Service Catalog reads the organization to share with its nodes; these actions admit no resource.
        new iam.PolicyStatement({
          actions: ['organizations:DescribeOrganization', 'organizations:ListAWSServiceAccessForOrganization',
            'organizations:ListChildren', 'organizations:ListParents'],
          resources: ['*'],
        }),
        new iam.PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [logGroup.logGroupArn] }),
      ],
    });
    acceptNagFinding(this, 'AwsSolutions-IAM5[Resource::*]',
      'Only the AWS Organizations read actions Service Catalog needs to share with organization nodes, which admit no resource-level permission.');
  }
}
