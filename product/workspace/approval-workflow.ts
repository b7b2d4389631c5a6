import { Aws, CfnCondition, Duration, Fn, RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { AUTOMATION_TABLE_ACTIONS } from '../../services/automation/contract';
import { ENGINE_APPROVAL_ACTIONS } from '../../services/engine/contract';
import { AutomationStateMachine } from './automation-state-machine';
import { WorkspaceBedrockAccess } from './bedrock-access';
import { WorkspaceGuardedAi } from './guarded-ai';
import { METERING_DIMENSIONS } from '../../services/metering/contract';
import { conditionalPolicy } from './private/conditional-policy';
import { onlyIf } from './private/only-if';
import { acceptNagFinding } from '../shared/policy-exceptions';
import { stackSuffix, uniqueName } from './private/stack-suffix';
import { WorkspaceTaskQueue } from './task-queue';
import { WorkspaceFunction, WorkspaceFunctionProps } from './workspace-function';
import { notificationTopicTarget } from './private/topic-target';

/** How long one verify call waits for the agent's outcome before the state machine retries it. */
export const VERIFY_WAIT_SECONDS = 60;

/** Props of {@link WorkspaceApprovalWorkflow}. */
export interface WorkspaceApprovalWorkflowProps {
  /** The condition the workflow exists under (ApprovalWorkflowsEnabled). */
  readonly condition: CfnCondition;
  /** Hours an automation waits for a decision before it is abandoned (ApprovalTimeoutHours). */
  readonly approvalTimeoutHours: string;
  /** The workspace's Bedrock access: the risk assessment asks its first model, under its condition. */
  readonly bedrock: WorkspaceBedrockAccess;
  /** Approval workflows and Bedrock both on (ApprovalWorkflowsWithBedrock): the steps may invoke the models. */
  readonly bedrockCondition: CfnCondition;
  /** Approval workflows and the guardrail both on (ApprovalWorkflowsWithGuardrail): the steps' model calls must go through it. */
  readonly guardrailCondition: CfnCondition;
  /** Everything a workspace function needs besides its name, code, description, timeout and environment. */
  readonly functionDefaults: Omit<WorkspaceFunctionProps, 'name' | 'code' | 'description' | 'timeout' | 'environment'>;
  readonly code: WorkspaceFunctionProps['code'];
  readonly table: dynamodb.ITable;
  readonly taskQueue: WorkspaceTaskQueue;
  readonly guardedAi: WorkspaceGuardedAi;
  readonly logsKey: kms.IKey;
  /** Failed, timed-out and aborted executions are announced here. */
  readonly topic: sns.ITopic;
  /** Roles that send approval decisions (the API handler's). */
  readonly deciders: iam.IRole[];
  /** Roles that start automations and follow them to their end (the engine's approval steps). */
  readonly starters: iam.IRole[];
}

/**
 * Approval-gated automation (seed 001's patch and alert workflows): the automation steps function
 * (services/automation) and the state machine that runs it (see AutomationStateMachine), with
 * execution logs in an encrypted log group, X-Ray tracing, and a rule that announces failed
 * executions on the notification topic. Only under the ApprovalWorkflowsEnabled condition.
 */
export class WorkspaceApprovalWorkflow extends Construct {
  readonly steps: WorkspaceFunction;
  readonly stateMachine: sfn.StateMachine;

  constructor(scope: Construct, id: string, props: WorkspaceApprovalWorkflowProps) {
    super(scope, id);
    const { bedrock, guardedAi } = props;
    this.steps = new WorkspaceFunction(this, 'Steps', {
      ...props.functionDefaults,
      name: 'automation steps',
      code: props.code,
      description: 'Workspace automation steps: risk assessment, approval requests, action tasks, verification, rollback.',
      timeout: Duration.seconds(VERIFY_WAIT_SECONDS * 2),
      environment: {
        TABLE_NAME: props.table.tableName,
        TASK_QUEUE_URL: props.taskQueue.queue.queueUrl,
        APPROVAL_TIMEOUT_HOURS: props.approvalTimeoutHours,
        VERIFY_WAIT_SECONDS: String(VERIFY_WAIT_SECONDS),
        METERING_DIMENSIONS: METERING_DIMENSIONS.join(','),
        BEDROCK_MODEL_ID: Fn.conditionIf(bedrock.condition.logicalId, Fn.select(0, bedrock.modelIds), '').toString(),
        GUARDRAIL_ID: Fn.conditionIf(guardedAi.condition.logicalId, guardedAi.guardrail.attrGuardrailId, '').toString(),
        GUARDRAIL_VERSION: Fn.conditionIf(guardedAi.condition.logicalId, guardedAi.version.attrVersion, '').toString(),
      },
    });
    props.table.grant(this.steps.role, ...AUTOMATION_TABLE_ACTIONS);
    props.table.encryptionKey?.grantEncryptDecrypt(this.steps.role);
    new iam.Policy(this, 'QueueActionTasks', { roles: [this.steps.role], statements: props.taskQueue.sendStatements() });
    this.stateMachine = new AutomationStateMachine(this, 'StateMachine', {
      steps: this.steps.function, logGroup: this.logGroup(props),
    }).stateMachine;
    this.announceFailures(props.topic);
    onlyIf(props.condition, this);

    // Outside this construct's condition: these exist under conditions that imply it.
    new WorkspaceBedrockAccess(scope, `${id}Bedrock`, { modelIds: bedrock.modelIds, roles: [this.steps.role], condition: props.bedrockCondition });
    conditionalPolicy(scope, `${id}OnlyThroughGuardrail`, props.guardrailCondition, [this.steps.role], guardedAi.guardedInvocationStatements());
    // The task token is the capability: IAM knows no resource for these calls, so a state machine ARN would never match.
    const decisions = conditionalPolicy(scope, `${id}Decisions`, props.condition, props.deciders, [new iam.PolicyStatement({
      actions: ['states:SendTaskSuccess', 'states:SendTaskFailure'],
      resources: ['*'],
    })]);
    acceptNagFinding(decisions, 'AwsSolutions-IAM5[Resource::*]',
      'SendTaskSuccess and SendTaskFailure take no resource (Service Authorization Reference): the task token, which only the waiting execution hands out, names what they answer.');
    const starts = conditionalPolicy(scope, `${id}Starts`, props.condition, props.starters, [
      new iam.PolicyStatement({ actions: ENGINE_APPROVAL_ACTIONS.stateMachine, resources: [this.stateMachine.stateMachineArn] }),
      new iam.PolicyStatement({
        actions: ENGINE_APPROVAL_ACTIONS.executions,
        resources: [`arn:${Aws.PARTITION}:states:${Aws.REGION}:${Aws.ACCOUNT_ID}:execution:${this.stateMachine.stateMachineName}:*`],
      }),
    ]);
    acceptNagFinding(starts, 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:<ApprovalWorkflowStateMachine0C2D9719.Name>:*]',
      'The executions of the one automation state machine, which the engine starts and follows to their end; execution names are not known in advance.');
  }

  private logGroup(props: WorkspaceApprovalWorkflowProps): logs.LogGroup {
    return new logs.LogGroup(this, 'LogGroup', {
      // Step Functions delivers logs through CloudWatch vended logs; this prefix keeps the log group
      // resource policy it needs small (AWS recommends it).
      logGroupName: Fn.join('', ['/aws/vendedlogs/states/workspace-automation-', stackSuffix()]),
      encryptionKey: props.logsKey,
      retention: props.functionDefaults.logRetentionDays as logs.RetentionDays,
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  /** Failed, timed-out and aborted executions go to the topic from the default bus, where Step Functions sends them. */
  private announceFailures(topic: sns.ITopic): void {
    new events.CfnRule(this, 'FailedExecutionsToTopic', {
      name: automationFailureRuleName(),
      description: 'Sends failed, timed-out and aborted workspace automations (including rejected ones) to the notification topic.',
      eventPattern: {
        'source': ['aws.states'],
        'detail-type': ['Step Functions Execution Status Change'],
        'detail': { status: ['FAILED', 'TIMED_OUT', 'ABORTED'], stateMachineArn: [this.stateMachine.stateMachineArn] },
      },
      targets: [notificationTopicTarget(topic)],
    });
    acceptNagFinding(this.stateMachine, 'AwsSolutions-IAM5[Resource::<ApprovalWorkflowStepsFunctionB66D24A1.Arn>:*]',
      'The wildcard covers the versions and aliases of the one automation steps function, which the state machine invokes and nothing else.');
    acceptNagFinding(this.stateMachine, 'AwsSolutions-IAM5[Resource::*]',
      'Only X-Ray PutTraceSegments/PutTelemetryRecords/GetSampling* and the CloudWatch Logs delivery actions Step Functions logging needs, none of which admits a resource-level permission.');
  }
}

/** The name of the default-bus rule that announces failed automations, known before it exists (for the topic policy). */
export function automationFailureRuleName(): string {
  return uniqueName('workspace-automation-failures');
}

/** The ARN of that rule. */
export function automationFailureRuleArn(): string {
  return `arn:${Aws.PARTITION}:events:${Aws.REGION}:${Aws.ACCOUNT_ID}:rule/${automationFailureRuleName()}`;
}
