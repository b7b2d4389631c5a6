import { Aws, CustomResource, Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FUNCTION_RUNTIME } from './workspace-function';

/** The custom resource's code, inlined into the template; CloudFormation accepts at most 4096 characters. */
export const CLOSER_SOURCE = join(__dirname, '../../services/network-guard/close-default-security-group.js');
const INLINE_CODE_LIMIT = 4096;

/** Props of {@link ClosedDefaultSecurityGroup}. */
export interface ClosedDefaultSecurityGroupProps {
  readonly vpc: ec2.CfnVPC;
  readonly logsKey: kms.IKey;
  readonly logRetentionDays: number;
}

/**
 * Removes every rule from the VPC's default security group, so nothing placed in it by mistake can talk
 * (AWS Foundational Security Best Practices EC2.2). CloudFormation cannot edit a group it did not
 * create, hence a custom resource whose function may revoke rules only on groups of this VPC.
 */
export class ClosedDefaultSecurityGroup extends Construct {
  readonly function: lambda.Function;

  constructor(scope: Construct, id: string, props: ClosedDefaultSecurityGroupProps) {
    super(scope, id);
    const source = readFileSync(CLOSER_SOURCE, 'utf8');
    if (source.length > INLINE_CODE_LIMIT) {
      throw new Error(`${CLOSER_SOURCE} has ${source.length} characters; inline function code may have at most ${INLINE_CODE_LIMIT}. Shorten it.`);
    }
    const logGroup = new logs.LogGroup(this, 'LogGroup', {
      encryptionKey: props.logsKey,
      retention: props.logRetentionDays as logs.RetentionDays,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Lets the default security group closer revoke rules of groups in the workspace VPC only.',
    });
    logGroup.grantWrite(role);
    role.addToPrincipalPolicy(new iam.PolicyStatement({
      // DescribeSecurityGroups admits no resource-level permission.
      actions: ['ec2:DescribeSecurityGroups'],
      resources: ['*'],
    }));
    role.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: ['ec2:RevokeSecurityGroupIngress', 'ec2:RevokeSecurityGroupEgress'],
      resources: [`arn:${Aws.PARTITION}:ec2:${Aws.REGION}:${Aws.ACCOUNT_ID}:security-group/*`],
      conditions: { ArnEquals: { 'ec2:Vpc': `arn:${Aws.PARTITION}:ec2:${Aws.REGION}:${Aws.ACCOUNT_ID}:vpc/${props.vpc.ref}` } },
    }));
    this.function = new lambda.Function(this, 'Function', {
      description: 'Removes all rules from the workspace VPC default security group.',
      runtime: FUNCTION_RUNTIME,
      handler: 'index.handler',
      code: lambda.Code.fromInline(source),
      timeout: Duration.minutes(2),
      memorySize: 256,
      reservedConcurrentExecutions: 1,
      role,
      logGroup,
      tracing: lambda.Tracing.ACTIVE,
    });
    new CustomResource(this, 'Closure', {
      serviceToken: this.function.functionArn,
      resourceType: 'Custom::ClosedDefaultSecurityGroup',
      properties: { VpcId: props.vpc.ref },
    });
  }
}
