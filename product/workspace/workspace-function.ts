import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acceptGuardFindings, acceptNagFinding } from '../shared/policy-exceptions';

/** The memory of every workspace function (seed guide: 1 GB). */
export const FUNCTION_MEMORY_MB = 1024;
/** The Node.js runtime the function archives are built for. */
export const FUNCTION_RUNTIME = lambda.Runtime.NODEJS_24_X;

/** Props of {@link WorkspaceFunction}. */
export interface WorkspaceFunctionProps {
  /** What the function is called in descriptions. */
  readonly name: string;
  readonly description: string;
  /** The code: an archive of the release bucket (see ReleaseFiles), or inline source. */
  readonly code: lambda.Code;
  /** @default FUNCTION_MEMORY_MB */
  readonly memorySize?: number;
  readonly vpc: ec2.IVpc;
  /** The subnets the function runs in. */
  readonly vpcSubnets: ec2.SubnetSelection;
  readonly securityGroup: ec2.ISecurityGroup;
  readonly logsKey: kms.IKey;
  /** Days the function's log group keeps events: the LogRetentionDays parameter's value. */
  readonly logRetentionDays: number;
  /** Bounded so one function can never take the account's whole concurrency (a parameter). */
  readonly reservedConcurrency: number;
  readonly timeout: Duration;
  readonly environment: Record<string, string>;
}

/**
 * A workspace Lambda function as the seed guide and our checks require: 1 GB by default, in the private
 * subnets, reserved concurrency, X-Ray tracing, an encrypted dead-letter queue for failed asynchronous
 * events, and its own execution role and encrypted, retained log group. Grant it further permissions
 * through `role`.
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
      description: `Execution role of the workspace ${props.name} function.`,
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
    acceptNagFinding(this.role, 'AwsSolutions-IAM5[Resource::*]',
      'Only actions that admit no resource-level permission are granted on "*": the EC2 network interface and describe actions, and X-Ray PutTraceSegments/PutTelemetryRecords; a test rejects any other action on "*".');
    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: props.logsKey,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    acceptGuardFindings(this.deadLetterQueue.node.defaultChild as sqs.CfnQueue, ['sqs_dlq_check'],
      'This queue is itself the dead-letter queue of the function; messages that fail here stay for 14 days and raise an alarm.');
    this.function = new lambda.Function(this, 'Function', {
      description: props.description,
      runtime: FUNCTION_RUNTIME,
      handler: 'index.handler',
      code: props.code,
      memorySize: props.memorySize ?? FUNCTION_MEMORY_MB,
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
