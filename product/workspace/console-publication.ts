import { Aws, CustomResource, Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { ConsoleConfig } from '../../services/console/contract';
import { CONSOLE_PUBLICATION_TYPE, ConsolePublicationProperties } from '../../services/console-publisher/contract';
import { acceptNagFinding } from '../shared/policy-exceptions';
import { WorkspaceFunction } from './workspace-function';

/** Props of {@link ConsolePublication}. */
export interface ConsolePublicationProps {
  /** The console publisher's archive (release file `functions/console-publisher.zip`). */
  readonly code: lambda.Code;
  readonly bucket: s3.IBucket;
  /** The console bucket's key; the publisher encrypts with it through S3. */
  readonly key: kms.IKey;
  /** What the console reads from `/config.json`; values may be CloudFormation references. */
  readonly config: ConsoleConfig;
  readonly vpc: ec2.IVpc;
  readonly vpcSubnets: ec2.SubnetSelection;
  readonly securityGroup: ec2.ISecurityGroup;
  readonly logsKey: kms.IKey;
  readonly logRetentionDays: number;
}

/**
 * The release's console and this stack's `/config.json`, written to the console bucket at every
 * create and update, by a custom resource whose function may only put objects into that bucket. One
 * build serves every stack: what differs (API, sign-in, Region) is in config.json.
 */
export class ConsolePublication extends Construct {
  constructor(scope: Construct, id: string, props: ConsolePublicationProps) {
    super(scope, id);
    const publisher = new WorkspaceFunction(this, 'Publisher', {
      name: 'console publisher',
      description: 'Writes the workspace web console and its config.json to the console bucket.',
      code: props.code,
      memorySize: 512,
      timeout: Duration.minutes(5),
      reservedConcurrency: 1,
      vpc: props.vpc,
      vpcSubnets: props.vpcSubnets,
      securityGroup: props.securityGroup,
      logsKey: props.logsKey,
      logRetentionDays: props.logRetentionDays,
      environment: {},
    });
    publisher.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [props.bucket.arnForObjects('*')] }));
    publisher.role.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: ['kms:GenerateDataKey'], resources: [props.key.keyArn],
      conditions: { StringEquals: { 'kms:ViaService': `s3.${Aws.REGION}.amazonaws.com` } },
    }));
    acceptNagFinding(publisher.role, `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(props.bucket.node.defaultChild as s3.CfnBucket)}.Arn>/*]`,
      'The publisher writes every file of the console build, whose names change with each version, into the console bucket only.');
    const properties: ConsolePublicationProperties = { BucketName: props.bucket.bucketName, Config: Stack.of(this).toJsonString(props.config) };
    new CustomResource(this, 'Publication', {
      serviceToken: publisher.function.functionArn,
      resourceType: CONSOLE_PUBLICATION_TYPE,
      properties: { ...properties },
    });
  }
}
