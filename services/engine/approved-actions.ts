import { ChangeMessageVisibilityCommand, DeleteMessageCommand, Message, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { z } from 'zod';
import { AutomationStore } from '../automation/automation-store';
import { actionStepSchema, DEFAULT_STEP_TIMEOUT_SECONDS, retryDelayMs, retryPolicy } from '../workspace-data/definition/bot-definition';
import { AuditLog } from '../workspace-data/documents/audit-log';
import { Run } from '../workspace-data/workflow';
import { MeteringClient } from './metering-client';
import { StepHandlers } from './runs/run-executor';
import { RUN_EXECUTION_PREFIX } from './steps/approval-step';
import { evaluateInputs, RunDocument } from './steps/expressions';
import { StepError } from './steps/step-error';

/** What the approval workflow puts on the task queue (services/automation, RunAction and RollBack). */
const actionTaskSchema = z.object({
  taskId: z.string().uuid(),
  purpose: z.enum(['apply', 'roll-back']),
  executionArn: z.string().min(1),
  step: actionStepSchema,
  targets: z.array(z.string()),
});
type ActionTask = z.infer<typeof actionTaskSchema>;

/** Options of {@link ApprovedActions}. */
export interface ApprovedActionsOptions {
  readonly sqs: SQSClient;
  readonly queueUrl: string;
  /** Where the approval workflow's VerifyAction state reads each task's outcome. */
  readonly tasks: AutomationStore;
  readonly handlers: StepHandlers;
  readonly metering: MeteringClient;
  readonly audit: AuditLog;
  readonly log: (entry: Record<string, unknown>) => void;
}

/** The queue's visibility timeout is 15 minutes; a task in progress keeps its message hidden by renewing it. */
const VISIBILITY_RENEW_MS = 5 * 60_000;
const VISIBILITY_SECONDS = 15 * 60;

/**
 * Performs the actions the approval workflow hands over on the task queue (an approved remediation,
 * or the rollback of a failed one) and records each outcome where the workflow's VerifyAction state
 * reads it, so a failed action takes the rollback path. A message is deleted only once its outcome is
 * recorded; a redelivered task that already has an outcome is not performed again, and a retried
 * request carries the task ID as its Idempotency-Key. An action of an approval step is billed with its
 * run; an automation started outside a run is billed as one run, under the task ID.
 */
export class ApprovedActions {
  constructor(private readonly options: ApprovedActionsOptions) {}

  async start(stop: AbortSignal): Promise<void> {
    while (!stop.aborted) {
      let messages: Message[] = [];
      try {
        ({ Messages: messages = [] } = await this.options.sqs.send(new ReceiveMessageCommand({
          QueueUrl: this.options.queueUrl, MaxNumberOfMessages: 5, WaitTimeSeconds: 10, VisibilityTimeout: VISIBILITY_SECONDS,
        }), { abortSignal: stop }));
      } catch (error) {
        if (stop.aborted) return;
        this.options.log({ level: 'error', message: 'could not receive approved actions', error: String(error) });
        await new Promise((resolve) => setTimeout(resolve, 5000));
      }
      await Promise.all(messages.map((message) => this.handle(message)));
    }
  }

  /** Performs one message's task; resolves when its outcome is recorded and the message deleted, or leaves it for redelivery. */
  async handle(message: Message): Promise<void> {
    const renew = setInterval(() => void this.options.sqs.send(new ChangeMessageVisibilityCommand({
      QueueUrl: this.options.queueUrl, ReceiptHandle: message.ReceiptHandle, VisibilityTimeout: VISIBILITY_SECONDS,
    })).catch(() => undefined), VISIBILITY_RENEW_MS);
    try {
      const task = parseTask(message.Body);
      if (!task) {
        this.options.log({ level: 'alarm', message: 'an approved action is not a task the engine knows; it stays on the queue until the dead-letter queue takes it', messageId: message.MessageId });
        return;
      }
      const stored = await this.options.tasks.getTask(task.taskId);
      if (stored?.status !== 'succeeded' && stored?.status !== 'failed') await this.perform(task);
      await this.options.sqs.send(new DeleteMessageCommand({ QueueUrl: this.options.queueUrl, ReceiptHandle: message.ReceiptHandle }));
    } catch (error) {
      this.options.log({ level: 'error', message: 'approved action not settled; it will be delivered again', messageId: message.MessageId, error: String(error) });
    } finally {
      clearInterval(renew);
    }
  }

  private async perform(task: ActionTask): Promise<void> {
    const executionName = task.executionArn.split(':').at(-1) ?? '';
    if (!executionName.startsWith(RUN_EXECUTION_PREFIX)) await this.options.metering.record('AutomationRuns', task.taskId);
    const outcome = await this.attempt(task);
    await this.options.tasks.finishTask(task.taskId, outcome.status, outcome.detail);
    await this.options.audit.append({
      actor: 'approval-workflow', action: 'action.performed', target: `task/${task.taskId}`, outcome: outcome.status === 'succeeded' ? 'success' : 'failure', at: new Date(),
      detail: { purpose: task.purpose, kind: task.step.kind, executionArn: task.executionArn, detail: outcome.detail.slice(0, 500) },
    });
  }

  private async attempt(task: ActionTask): Promise<{ status: 'succeeded' | 'failed'; detail: string }> {
    const run: Run = {
      workflowId: 'approved-action', runId: task.taskId, trigger: 'approved-action', status: 'running', definitionVersion: 0,
      requestedBy: 'approval-workflow', requestedAt: new Date().toISOString(),
    };
    const document: RunDocument = { input: { targets: task.targets, purpose: task.purpose }, steps: {}, run: { id: task.taskId, workflowId: run.workflowId, trigger: run.trigger } };
    const handler = this.options.handlers(() => document)[task.step.kind];
    let inputs: unknown;
    try {
      inputs = await evaluateInputs(task.step.inputs, document, 'step.inputs');
    } catch (error) {
      return { status: 'failed', detail: (error as Error).message };
    }
    const parsed = handler.inputs.safeParse(inputs);
    if (!parsed.success) return { status: 'failed', detail: `step.inputs${parsed.error.issues[0].path.map((part) => `.${String(part)}`).join('')}: ${parsed.error.issues[0].message}` };
    const policy = retryPolicy(task.step);
    for (let attempts = 1; ; attempts += 1) {
      try {
        const outcome = await handler.execute(parsed.data, {
          run, stepId: task.step.id, seq: 1, idempotencyKey: task.taskId, now: Date.now,
          signal: AbortSignal.timeout((task.step.timeoutSeconds ?? DEFAULT_STEP_TIMEOUT_SECONDS) * 1000),
        });
        return { status: 'succeeded', detail: JSON.stringify('output' in outcome ? outcome.output : null).slice(0, 2000) };
      } catch (error) {
        const failure = error instanceof StepError ? error : new StepError(String(error));
        if (!failure.retryable || attempts >= policy.maxAttempts) return { status: 'failed', detail: failure.message };
        await new Promise((resolve) => setTimeout(resolve, retryDelayMs(policy, attempts, failure.retryAfterMs)));
      }
    }
  }
}

function parseTask(body: string | undefined): ActionTask | undefined {
  try {
    const parsed = actionTaskSchema.safeParse(JSON.parse(body ?? ''));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
