import { DescribeExecutionCommand, ExecutionAlreadyExists, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { approvalInputsSchema } from '../../workspace-data/definition/bot-definition';
import { StepError } from './step-error';
import { StepContext, stepHandler } from './step-handler';

/** The approval workflow of the template, when EnableApprovalWorkflows is on. */
export interface ApprovalWorkflow {
  readonly sfn: SFNClient;
  readonly stateMachineArn: string;
}

/** How often a run waiting on an approval looks at its execution. */
export const APPROVAL_POLL_MS = 30_000;

/** Executions the engine starts for a run's approval step are named after it, so their actions are billed with the run. */
export const RUN_EXECUTION_PREFIX = 'run-';
export const approvalExecutionName = (context: Pick<StepContext, 'run' | 'seq'>) => `${RUN_EXECUTION_PREFIX}${context.run.runId}-${context.seq}`;

/**
 * `approval`: hands the action (and its rollback) to the approval workflow, which assesses the risk,
 * waits for a person's decision when the risk needs one, has the engine perform the action and rolls
 * it back if it fails. The run waits, off the engine, until the execution ends; the execution's name is
 * derived from the run and step, so a resumed step never starts a second one.
 */
export function approvalStep(workflow: ApprovalWorkflow | undefined) {
  return stepHandler(approvalInputsSchema, async (inputs, context) => {
    if (!workflow) throw new StepError('approval steps need the approval workflow; set EnableApprovalWorkflows (and EnableTaskQueue) to true', { retryable: false });
    const executionArn = String(context.progress?.executionArn ?? await start(workflow, inputs, context));
    const { status, output, error, cause } = await workflow.sfn.send(new DescribeExecutionCommand({ executionArn }), { abortSignal: context.signal });
    if (status === 'RUNNING' || status === 'PENDING_REDRIVE') return { suspendUntil: context.now() + APPROVAL_POLL_MS, progress: { executionArn } };
    if (status === 'SUCCEEDED') return { output: { executionArn, approved: true, result: output ? JSON.parse(output) : null } };
    throw new StepError(`the approval workflow ended ${status}${error ? `: ${error}` : ''}${cause ? `: ${cause}` : ''}`, { retryable: false });
  });
}

async function start(workflow: ApprovalWorkflow, inputs: typeof approvalInputsSchema._output, context: StepContext): Promise<string> {
  const name = approvalExecutionName(context);
  const input = JSON.stringify({ ...inputs, requestedBy: context.run.requestedBy });
  try {
    const { executionArn } = await workflow.sfn.send(new StartExecutionCommand({ stateMachineArn: workflow.stateMachineArn, name, input }), { abortSignal: context.signal });
    return executionArn!;
  } catch (error) {
    if (!(error instanceof ExecutionAlreadyExists)) throw error;
    return `${workflow.stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;
  }
}
