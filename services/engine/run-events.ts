import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { Run, RunStatus } from '../workspace-data/workflow';
import { ENGINE_EVENT_SOURCE, RUN_DETAIL_TYPES, RUN_FAILURE_DETAIL_TYPES } from './contract';

/** Options of {@link RunEvents}. */
export interface RunEventsOptions {
  readonly sns: SNSClient;
  readonly topicArn: string;
  /** The workspace bus; undefined when event routing is off. */
  readonly bus?: { readonly client: EventBridgeClient; readonly name: string };
  readonly log: (entry: Record<string, unknown>) => void;
}

/**
 * Announces run status changes: on the workspace bus when event routing is on (its rule sends the
 * failures to the notification topic), otherwise failures straight to the topic, so an operator hears
 * of each failed run once either way. Announcing never fails a run: a lost event is logged.
 */
export class RunEvents {
  constructor(private readonly options: RunEventsOptions) {}

  async changed(run: Run, status: Exclude<RunStatus, 'queued'>, detail: Record<string, unknown> = {}): Promise<void> {
    const detailType = RUN_DETAIL_TYPES[status];
    const event = { runId: run.runId, workflowId: run.workflowId, trigger: run.trigger, status, definitionVersion: run.definitionVersion, ...detail };
    try {
      if (this.options.bus) {
        const { FailedEntryCount } = await this.options.bus.client.send(new PutEventsCommand({
          Entries: [{ EventBusName: this.options.bus.name, Source: ENGINE_EVENT_SOURCE, DetailType: detailType, Detail: JSON.stringify(event) }],
        }));
        if (FailedEntryCount) throw new Error('the bus refused the event');
      } else if (RUN_FAILURE_DETAIL_TYPES.includes(detailType)) {
        await this.options.sns.send(new PublishCommand({
          TopicArn: this.options.topicArn,
          Subject: `Workspace run ${status}`.slice(0, 100),
          Message: JSON.stringify({ detailType, ...event }, null, 2),
        }));
      }
    } catch (error) {
      this.options.log({ level: 'error', message: 'run event not delivered', detailType, runId: run.runId, error: String(error) });
    }
  }
}
