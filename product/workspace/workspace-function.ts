import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ReleaseFiles } from './release-files';

/** The memory of every workspace function (seed guide: 1 GB). */
export const FUNCTION_MEMORY_MB = 1024;
/** The Node.js runtime the function archives are built for. */
export const FUNCTION_RUNTIME = lambda.Runtime.NODEJS_22_X;

/** Props of {@link WorkspaceFunction}. */
export interface WorkspaceFunctionProps {
  /** The release file name (`functions/<codeName>.zip`), also the folder under `services/`. */
  readonly codeName: string;
  readonly description: string;
  readonly release: ReleaseFiles;
  readonly vpc: ec2.IVpc;
  /** The subnets the function runs in. */
  readonly vpcSubnets: ec2.SubnetSelection;
  readonly securityGroup: ec2.ISecurityGroup;
  readonly logsKey: kms.IKey;
  readonly logRetentionDays: number;
  /** Bounded so one function can never take the account's whole concurrency (a parameter). */
  readonly reservedConcurrency: number;
  readonly timeout: Duration;
  readonly environment: Record<string, string>;
}

/**
 * A workspace Lambda function as the seed guide and our checks require: code from the release bucket,
 * 1 GB, in the private subnets, reserved concurrency, X-Ray tracing, an encrypted dead-letter queue for
 * failed asynchronous events, and its own execution role and encrypted, retained log group. Grant it
 * further permissions through `role`.
 */
export class WorkspaceFunction extends Construct {
  readonly function: lambda.Function;
  readonly role: iam.Role;
  readonly deadLetterQueue: sqs.Queue;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: WorkspaceFunctionProps) {
    super(scope, id);
    this.logGroup = new logs.LogGroup(this, 'LogGroup', {
      encryptionKey: props.logsKey,
      retention: props.logRetentionDays as logs.RetentionDays,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.role = new iam.Role(this, 'ExecutionRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of the workspace ${props.codeName} function.`,
    });
    this.logGroup.grantWrite(this.role);
    this.role.addToPrincipalPolicy(new iam.PolicyStatement({
      sid: 'ManageVpcNetworkInterfaces',
      // These EC2 actions do not support resource-level permissions; Lambda needs them to attach the
      // function to its subnets.
      actions: ['ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DeleteNetworkInterface',
        'ec2:AssignPrivateIpAddresses', 'ec2:UnassignPrivateIpAddresses'],
      resources: ['*'],
    }));
    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: props.logsKey,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.function = new lambda.Function(this, 'Function', {
      description: props.description,
      runtime: FUNCTION_RUNTIME,
      handler: 'index.handler',
      code: lambda.Code.fromBucket(props.release.bucket, props.release.functionCodeKey(props.codeName)),
      memorySize: FUNCTION_MEMORY_MB,
      timeout: props.timeout,
      reservedConcurrentExecutions: props.reservedConcurrency,
      role: this.role,
      vpc: props.vpc,
      vpcSubnets: props.vpcSubnets,
      securityGroups: [props.securityGroup],
      tracing: lambda.Tracing.ACTIVE,
      deadLetterQueue: this.deadLetterQueue,
      logGroup: this.logGroup,
      environment: props.environment,
    });
  }
}
