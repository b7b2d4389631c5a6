import { Duration } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { uniqueName } from './private/stack-suffix';

/** The error names the steps function and the approval API use (services/automation, services/api-handler). */
export const AUTOMATION_ERRORS = {
  invalidRequest: 'InvalidRequest',
  rejected: 'ApprovalRejected',
  actionFailed: 'ActionFailed',
  actionNotFinished: 'ActionNotFinished',
};

/** Props of {@link AutomationStateMachine}. */
export interface AutomationStateMachineProps {
  /** The automation steps function (services/automation). */
  readonly steps: lambda.IFunction;
  /** Receives every execution's events, with their data. */
  readonly logGroup: logs.ILogGroup;
}

type StepPayload = Record<string, unknown>;

/**
 * The approval-gated automation: AssessRisk; when the risk needs it, RequestApproval waits (task
 * token) until the API approves or rejects, or the buyer's approval timeout passes; RunAction hands
 * the action to the agents through the task queue; VerifyAction waits for the agent's outcome
 * (retried with backoff while it is not finished); a failed action is handed back as its rollback,
 * and the execution fails. Every task retries transient failures with exponential backoff.
 */
export class AutomationStateMachine extends Construct {
  readonly stateMachine: sfn.StateMachine;

  constructor(scope: Construct, id: string, props: AutomationStateMachineProps) {
    super(scope, id);
    const step = (stateId: string, payload: StepPayload, options: Partial<tasks.LambdaInvokeProps> = {}) => new tasks.LambdaInvoke(this, stateId, {
      lambdaFunction: props.steps, payload: sfn.TaskInput.fromObject(payload), ...options,
    });
    const request = sfn.JsonPath.objectAt('$.request');
    const execution = sfn.JsonPath.executionId;

    const start = new sfn.Pass(this, 'Start', { parameters: { request: sfn.JsonPath.entirePayload } });
    const assess = this.retried(step('AssessRisk', { step: 'assess', request, executionArn: execution }, { payloadResponseOnly: true, resultPath: '$.assessment' }));
    const requestApproval = this.retried(step('RequestApproval', {
      step: 'request-approval', request, risk: sfn.JsonPath.objectAt('$.assessment'), taskToken: sfn.JsonPath.taskToken, executionArn: execution,
    }, {
      integrationPattern: sfn.IntegrationPattern.WAIT_FOR_TASK_TOKEN,
      taskTimeout: sfn.Timeout.at('$.assessment.approvalTimeoutSeconds'),
      resultPath: '$.approval',
    }), [AUTOMATION_ERRORS.rejected]);
    const run = this.retried(step('RunAction', { step: 'run', request, executionArn: execution }, { payloadResponseOnly: true, resultPath: '$.task' }));
    const verify = step('VerifyAction', { step: 'verify', taskId: sfn.JsonPath.stringAt('$.task.taskId') }, { payloadResponseOnly: true, resultPath: '$.verification' });
    verify.addRetry({ errors: [AUTOMATION_ERRORS.actionNotFinished], interval: Duration.seconds(30), backoffRate: 1.5, maxAttempts: 8 });
    this.retried(verify, [AUTOMATION_ERRORS.actionFailed, AUTOMATION_ERRORS.actionNotFinished]);
    const rollBack = this.retried(step('RollBack', {
      step: 'roll-back', request, executionArn: execution, failedTaskId: sfn.JsonPath.stringAt('$.task.taskId'),
    }, { payloadResponseOnly: true, resultPath: '$.rollback' }));

    requestApproval.addCatch(new sfn.Fail(this, 'Rejected', { error: AUTOMATION_ERRORS.rejected, causePath: '$.failure.Cause' }),
      { errors: [AUTOMATION_ERRORS.rejected], resultPath: '$.failure' });
    requestApproval.addCatch(new sfn.Fail(this, 'NotDecidedInTime', { error: 'ApprovalTimedOut', cause: 'Nobody approved or rejected the automation within ApprovalTimeoutHours.' }),
      { errors: [sfn.Errors.TIMEOUT], resultPath: '$.failure' });
    verify.addCatch(rollBack, { errors: [sfn.Errors.ALL], resultPath: '$.failure' });
    rollBack.next(new sfn.Fail(this, 'RolledBack', { error: 'ActionRolledBack', causePath: '$.failure.Cause' }));
    const done = new sfn.Succeed(this, 'Done');
    run.next(verify).next(done);

    const definition = start.next(assess).next(new sfn.Choice(this, 'ApprovalNeeded')
      .when(sfn.Condition.booleanEquals('$.assessment.approvalRequired', true), requestApproval.next(run))
      .otherwise(run));
    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      definitionBody: sfn.DefinitionBody.fromChainable(definition),
      stateMachineName: uniqueName('workspace-automation'),
      stateMachineType: sfn.StateMachineType.STANDARD,
      tracingEnabled: true,
      logs: { destination: props.logGroup, level: sfn.LogLevel.ALL, includeExecutionData: true },
      timeout: Duration.days(8),
    });
  }

  /**
   * Retries every task failure but the given errors (final by design) with exponential backoff; Lambda's
   * own transient errors are already retried by the LambdaInvoke default.
   */
  private retried<T extends tasks.LambdaInvoke>(task: T, finalErrors: string[] = []): T {
    const final = [AUTOMATION_ERRORS.invalidRequest, ...finalErrors];
    task.addRetry({ errors: final, maxAttempts: 0 });
    task.addRetry({ errors: [sfn.Errors.TASKS_FAILED], interval: Duration.seconds(5), backoffRate: 2, maxAttempts: 3 });
    return task;
  }
}
