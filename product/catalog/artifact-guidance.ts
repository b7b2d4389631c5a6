import { Aws, CustomResource, Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as servicecatalog from 'aws-cdk-lib/aws-servicecatalog';
import { Construct } from 'constructs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { acceptGuardFindings, acceptNagFinding } from '../workspace/private/policy-exceptions';
import { FUNCTION_RUNTIME } from '../workspace/workspace-function';

/** The custom resource's code, inlined into the template; CloudFormation accepts at most 4096 characters. */
export const GUIDANCE_SOURCE = join(__dirname, '../../services/artifact-guidance/set-artifact-guidance.js');
const INLINE_CODE_LIMIT = 4096;

/** Props of {@link ArtifactGuidance}. */
export interface ArtifactGuidanceProps {
  readonly product: servicecatalog.CloudFormationProduct;
  /** Versions marked `[DEPRECATED]` in the changelog: their artifacts become inactive. */
  readonly deprecatedVersions: string[];
  /** Encrypts the function's log group; its policy admits CloudWatch Logs for this account's log groups. */
  readonly key: kms.Key;
}

/**
 * Makes the artifacts of deprecated versions inactive (guidance DEPRECATED) and every other artifact
 * active. A template cannot say this (ProvisioningArtifactParameters has no Active or Guidance), so a
 * custom resource calls UpdateProvisioningArtifact on every deployment of the portfolio.
 */
export class ArtifactGuidance extends Construct {
  constructor(scope: Construct, id: string, props: ArtifactGuidanceProps) {
    super(scope, id);
    const source = readFileSync(GUIDANCE_SOURCE, 'utf8');
    if (source.length > INLINE_CODE_LIMIT) {
      throw new Error(`${GUIDANCE_SOURCE} has ${source.length} characters; inline function code may have at most ${INLINE_CODE_LIMIT}. Shorten it.`);
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
      description: 'Execution role of the function that marks deprecated workspace versions inactive.',
    });
    new iam.ManagedPolicy(this, 'Policy', {
      roles: [role],
      statements: [
        new iam.PolicyStatement({
          actions: ['servicecatalog:ListProvisioningArtifacts', 'servicecatalog:UpdateProvisioningArtifact'],
          resources: [`arn:${Aws.PARTITION}:catalog:${Aws.REGION}:${Aws.ACCOUNT_ID}:product/${props.product.productId}`],
        }),
        new iam.PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [logGroup.logGroupArn] }),
      ],
    });
    const fn = new lambda.Function(this, 'Function', {
      description: 'Marks the provisioning artifacts of deprecated workspace versions inactive.',
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
    this.acceptFindings(fn);
    new CustomResource(this, 'Guidance', {
      serviceToken: fn.functionArn,
      resourceType: 'Custom::ProvisioningArtifactGuidance',
      properties: { ProductId: props.product.productId, DeprecatedVersions: props.deprecatedVersions },
    });
  }

  private acceptFindings(fn: lambda.Function): void {
    const reason = 'The function runs once per deployment of the portfolio and calls only the Service Catalog API; the portfolio has no VPC, and CloudFormation retries nothing a dead-letter queue would catch (it waits for the response).';
    acceptNagFinding(fn, 'HIPAA.Security-LambdaInsideVPC', reason);
    acceptNagFinding(fn, 'HIPAA.Security-LambdaDLQ', reason);
    acceptGuardFindings(fn.node.defaultChild as lambda.CfnFunction, ['lambda_inside_vpc_check'], reason);
  }
}
