import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { createHash, randomUUID } from 'node:crypto';
import { parseAutomationRequest } from './automation-request';
import { ActionTask, AutomationStore } from './automation-store';
import { assessRisk, RiskAdvisor, RiskAssessment } from './risk-assessment';

/** The events the state machine sends, one per task state; `step` says which. */
export type AutomationStepEvent =
  | { step: 'assess'; request: unknown; executionArn: string }
  | { step: 'request-approval'; request: unknown; risk: RiskAssessment; taskToken: string; executionArn: string }
  | { step: 'run'; request: unknown; executionArn: string }
  | { step: 'verify'; taskId: string }
  | { step: 'roll-back'; request: unknown; executionArn: string; failedTaskId: string };

/** What the steps need. */
export interface AutomationStepsDependencies {
  readonly store: AutomationStore;
  readonly sqs: SQSClient;
  /** The task queue the agents take actions from. */
  readonly taskQueueUrl: string;
  /** How long a person has to decide. */
  readonly approvalTimeoutSeconds: number;
  /** How long one verify call waits for the agent's outcome before the state machine retries it. */
  readonly verifyWaitSeconds: number;
  readonly advisor?: RiskAdvisor;
  /** Records usage for AWS Marketplace (services/metering/function-usage.ts `recordFunctionUsage`). */
  readonly recordUsage: (event: { dimension: string; quantity: number; id: string }) => Promise<unknown>;
  readonly now: () => Date;
  readonly sleep: (milliseconds: number) => Promise<void>;
  readonly log: (entry: Record<string, unknown>) => void;
}

/** The agent has not reported the task's outcome yet; the state machine retries the verify step with backoff. */
export class ActionNotFinishedError extends Error {
  override readonly name = 'ActionNotFinished';
}
/** The agent reported the action failed; the state machine rolls it back. */
export class ActionFailedError extends Error {
  override readonly name = 'ActionFailed';
}

const VERIFY_POLL_MS = 1000;

/**
 * The idempotency id of a step's usage: the same for every attempt of that step in one execution, so
 * a Step Functions retry (or a Lambda retry after a timeout) is counted once; at most 64 characters.
 */
export function stepUsageId(executionArn: string, step: string): string {
  return `step-${createHash('sha256').update(`${executionArn}\n${step}`).digest('hex').slice(0, 48)}`;
}

function requiredExecutionArn(event: { executionArn?: unknown }): string {
  if (typeof event.executionArn !== 'string' || event.executionArn.length === 0) {
    throw new Error('the assess step needs executionArn (the state machine passes $$.Execution.Id); it identifies the step\'s usage');
  }
  return event.executionArn;
}

/**
 * The task states of the approval-gated automation state machine, in one function: assess the risk,
 * record an approval with its task token (the state machine waits until the API sends the decision),
 * hand the action to the agents through the task queue, verify the agent's outcome, and hand the
 * rollback to the agents when the action failed.
 */
export function createAutomationSteps(dependencies: AutomationStepsDependencies) {
  const { store, now, log } = dependencies;
  const enqueue = async (purpose: ActionTask['purpose'], executionArn: string, step: unknown, targets: string[]) => {
    const task: ActionTask = { taskId: randomUUID(), executionArn, purpose, status: 'queued', queuedAt: now().toISOString() };
    await store.addTask(task);
    await dependencies.sqs.send(new SendMessageCommand({
      QueueUrl: dependencies.taskQueueUrl,
      MessageBody: JSON.stringify({ taskId: task.taskId, purpose, executionArn, step, targets }),
    }));
    log({ level: 'info', message: 'action task queued', taskId: task.taskId, purpose, executionArn });
    return { taskId: task.taskId };
  };

  return async (event: AutomationStepEvent): Promise<unknown> => {
    switch (event?.step) {
      case 'assess': {
        const usageId = stepUsageId(requiredExecutionArn(event), 'assess');
        const meter = async () => { await dependencies.recordUsage({ dimension: 'AiAssistedSteps', quantity: 1, id: usageId }); };
        const risk = await assessRisk(parseAutomationRequest(event.request), dependencies.advisor, meter);
        return { ...risk, approvalTimeoutSeconds: dependencies.approvalTimeoutSeconds };
      }
      case 'request-approval': {
        const requestedAt = now();
        const approvalId = randomUUID();
        await store.addApproval({
          approvalId, executionArn: event.executionArn, request: parseAutomationRequest(event.request), risk: event.risk,
          status: 'pending', requestedAt: requestedAt.toISOString(),
          decideBy: new Date(requestedAt.getTime() + dependencies.approvalTimeoutSeconds * 1000).toISOString(),
        }, event.taskToken);
        log({ level: 'info', message: 'approval requested', approvalId, executionArn: event.executionArn, risk: event.risk.level });
        return { approvalId };
      }
      case 'run': {
        const request = parseAutomationRequest(event.request);
        return enqueue('apply', event.executionArn, request.action, request.targets);
      }
      case 'verify':
        return verify(event.taskId);
      case 'roll-back': {
        const request = parseAutomationRequest(event.request);
        return { ...(await enqueue('roll-back', event.executionArn, request.rollback, request.targets)), failedTaskId: event.failedTaskId };
      }
      default:
        throw new Error(`unknown step ${JSON.stringify((event as { step?: unknown })?.step)}; expected assess, request-approval, run, verify or roll-back`);
    }
  };

  async function verify(taskId: string) {
    const deadline = now().getTime() + dependencies.verifyWaitSeconds * 1000;
    for (;;) {
      const task = await store.getTask(taskId);
      if (!task) throw new ActionFailedError(`task ${taskId} does not exist`);
      if (task.status === 'succeeded') return { taskId, status: task.status, detail: task.detail };
      if (task.status === 'failed') throw new ActionFailedError(`task ${taskId} failed: ${task.detail ?? 'no detail'}`);
      if (now().getTime() >= deadline) throw new ActionNotFinishedError(`task ${taskId} is ${task.status}`);
      await dependencies.sleep(VERIFY_POLL_MS);
    }
  }
}
