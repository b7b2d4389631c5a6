import { CloudFormationClient, CreateStackCommand, DescribeStackResourcesCommand, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateStateMachineCommand, SFNClient } from '@aws-sdk/client-sfn';
import { buildFunction } from '../../product/functions/build-functions';
import { CloudFormationTemplate, readTemplate, resolveValue } from '../../product/cloudformation';
import { templatePath } from '../../product/versions/template-files';
import { WORKSPACE_VERSION } from '../../product/versions/workspace-version';
import { interpretStepFunctions, LOCAL_CREDENTIALS, LocalAws } from '../local-aws/moto-server';

/** The approval workflow's resources in the committed template. */
const STATE_MACHINE = 'ApprovalWorkflowStateMachine0C2D9719';
const STEPS_FUNCTION = 'ApprovalWorkflowStepsFunctionB66D24A1';
const ACCOUNT = '123456789012';

/** Options of {@link startLocalApprovals}. */
export interface LocalApprovalsOptions {
  readonly aws: LocalAws;
  readonly region: string;
  /** The workspace table, where the steps function keeps approvals and tasks. */
  readonly tableName: string;
  /** How long a person has to decide. @default 1 */
  readonly approvalTimeoutHours?: number;
}

/** The approval workflow on the local AWS endpoint. */
export interface LocalApprovals {
  readonly stateMachineArn: string;
  /** The task queue of approved actions, on the local endpoint. */
  readonly queueUrl: string;
  readonly sfn: SFNClient;
}

/**
 * The template's approval workflow, unchanged, on moto: its state machine (the committed ASL) run by
 * moto's Step Functions interpreter, its steps function (the released archive, deployed through moto's
 * CloudFormation and run with Node by the harness) and its task queue.
 */
export async function startLocalApprovals(options: LocalApprovalsOptions): Promise<LocalApprovals> {
  const config = { region: options.region, endpoint: options.aws.endpoint, credentials: LOCAL_CREDENTIALS };
  await interpretStepFunctions(options.aws);
  const s3 = new S3Client({ ...config, forcePathStyle: true });
  await s3.send(new CreateBucketCommand({ Bucket: 'approval-release' }));
  await s3.send(new PutObjectCommand({ Bucket: 'approval-release', Key: 'functions/automation.zip', Body: buildFunction('automation') }));
  // The queue's URL on the local endpoint: its Ref is the sqs.<region>.amazonaws.com URL, which the SDK would call.
  const queueUrl = `${options.aws.endpoint}/${ACCOUNT}/tasks`;
  const cloudformation = new CloudFormationClient(config);
  await cloudformation.send(new CreateStackCommand({ StackName: 'approvals', TemplateBody: JSON.stringify(stepsTemplate('approval-release', options.tableName, queueUrl, options.approvalTimeoutHours ?? 1)) }));
  const { Stacks } = await cloudformation.send(new DescribeStacksCommand({ StackName: 'approvals' }));
  if (Stacks?.[0].StackStatus !== 'CREATE_COMPLETE') throw new Error(`the approval steps stack ended ${Stacks?.[0].StackStatus}: ${Stacks?.[0].StackStatusReason}`);
  const { StackResources } = await cloudformation.send(new DescribeStackResourcesCommand({ StackName: 'approvals' }));
  const physical = (id: string) => StackResources!.find((resource) => resource.LogicalResourceId === id)!.PhysicalResourceId!;
  const sfn = new SFNClient(config);
  // Created through the API: moto keeps the interpreting backend apart from the one its CloudFormation uses.
  const { stateMachineArn } = await sfn.send(new CreateStateMachineCommand({
    name: 'approvals', roleArn: `arn:aws:iam::${ACCOUNT}:role/${physical('Role')}`,
    definition: committedDefinition(`arn:aws:lambda:${options.region}:${ACCOUNT}:function:${physical(STEPS_FUNCTION)}`),
  }));
  return { stateMachineArn: stateMachineArn!, queueUrl, sfn };
}

/** The committed workspace template, whose state machine and steps function run here. */
const workspace: CloudFormationTemplate = readTemplate(templatePath(WORKSPACE_VERSION));

/** The committed state machine definition, resolved with the steps function's ARN. */
function committedDefinition(functionArn: string): string {
  const definition = workspace.Resources[STATE_MACHINE].Properties!.DefinitionString;
  return resolveValue(workspace, definition, { resources: { [STEPS_FUNCTION]: { Arn: functionArn } } }) as string;
}

/** The steps function, its role and the task queue, with the dimensions the committed template gives the function. */
function stepsTemplate(bucket: string, tableName: string, queueUrl: string, approvalTimeoutHours: number): Record<string, unknown> {
  return {
    Resources: {
      Role: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: ['lambda.amazonaws.com', 'states.amazonaws.com'] }, Action: 'sts:AssumeRole' }] } } },
      TaskQueue: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'tasks' } },
      [STEPS_FUNCTION]: {
        Type: 'AWS::Lambda::Function',
        Properties: {
          Runtime: 'nodejs20.x', Handler: 'index.handler', Timeout: 60, Role: { 'Fn::GetAtt': ['Role', 'Arn'] },
          Code: { S3Bucket: bucket, S3Key: 'functions/automation.zip' },
          Environment: {
            Variables: {
              TABLE_NAME: tableName, TASK_QUEUE_URL: queueUrl, APPROVAL_TIMEOUT_HOURS: String(approvalTimeoutHours), VERIFY_WAIT_SECONDS: '5',
              METERING_DIMENSIONS: workspace.Resources[STEPS_FUNCTION].Properties!.Environment.Variables.METERING_DIMENSIONS,
            },
          },
        },
      },
    },
  };
}
