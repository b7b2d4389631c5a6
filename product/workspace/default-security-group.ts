import { Aws, CustomResource, Duration } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { acceptNagFinding } from '../shared/policy-exceptions';
import { Construct, IDependable } from 'constructs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WorkspaceFunction } from './workspace-function';

/** The custom resource's code, inlined into the template; CloudFormation accepts at most 4096 characters. */
export const CLOSER_SOURCE = join(__dirname, '../../services/network-guard/close-default-security-group.js');
const INLINE_CODE_LIMIT = 4096;

/** Props of {@link ClosedDefaultSecurityGroup}. */
export interface ClosedDefaultSecurityGroupProps {
  readonly vpc: ec2.CfnVPC;
  readonly vpcReference: ec2.IVpc;
  readonly vpcSubnets: ec2.SubnetSelection;
  readonly securityGroup: ec2.ISecurityGroup;
  readonly logsKey: kms.IKey;
  /** Days the closer function's log group keeps events: the LogRetentionDays parameter's value. */
  readonly logRetentionDays: number;
  /** The routes the function needs to reach the EC2 API from the private subnets. */
  readonly egress: IDependable;
}

/**
 * Removes every rule from the VPC's default security group, so nothing placed in it by mistake can talk
 * (AWS Foundational Security Best Practices EC2.2). CloudFormation cannot edit a group it did not
 * create, hence a custom resource whose function may revoke rules only on groups of this VPC.
 */
export class ClosedDefaultSecurityGroup extends Construct {
  readonly function: WorkspaceFunction;

  constructor(scope: Construct, id: string, props: ClosedDefaultSecurityGroupProps) {
    super(scope, id);
    const source = readFileSync(CLOSER_SOURCE, 'utf8');
    if (source.length > INLINE_CODE_LIMIT) {
      throw new Error(`${CLOSER_SOURCE} has ${source.length} characters; inline function code may have at most ${INLINE_CODE_LIMIT}. Shorten it.`);
    }
    this.function = new WorkspaceFunction(this, 'Closer', {
      name: 'default security group closer',
      description: 'Removes all rules from the workspace VPC default security group.',
      code: lambda.Code.fromInline(source),
      memorySize: 256,
      timeout: Duration.minutes(2),
      reservedConcurrency: 1,
      vpc: props.vpcReference,
      vpcSubnets: props.vpcSubnets,
      securityGroup: props.securityGroup,
      logsKey: props.logsKey,
      logRetentionDays: props.logRetentionDays,
      environment: {},
    });
    this.function.role.addToPrincipalPolicy(new iam.PolicyStatement({
      // DescribeSecurityGroups admits no resource-level permission.
      actions: ['ec2:DescribeSecurityGroups'],
      resources: ['*'],
    }));
    this.function.role.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: ['ec2:RevokeSecurityGroupIngress', 'ec2:RevokeSecurityGroupEgress'],
      resources: [`arn:${Aws.PARTITION}:ec2:${Aws.REGION}:${Aws.ACCOUNT_ID}:security-group/*`],
      conditions: { ArnEquals: { 'ec2:Vpc': `arn:${Aws.PARTITION}:ec2:${Aws.REGION}:${Aws.ACCOUNT_ID}:vpc/${props.vpc.ref}` } },
    }));
    acceptNagFinding(this.function.role, 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ec2:<AWS::Region>:<AWS::AccountId>:security-group/*]',
      'The default group\'s ID is not known to the template; the ec2:Vpc condition confines revocation to groups of this VPC.');
    const closure = new CustomResource(this, 'Closure', {
      serviceToken: this.function.function.functionArn,
      resourceType: 'Custom::ClosedDefaultSecurityGroup',
      properties: { VpcId: props.vpc.ref },
    });
    closure.node.addDependency(props.egress);
  }
}
