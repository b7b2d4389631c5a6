import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { z } from 'zod';
import { notifyInputsSchema, slackNeedsCredential } from '../../workspace-data/definition/step-inputs';
import { IntegrationCredentials } from '../credentials';
import { sendHttp } from './http-call';
import { stepHandler } from './step-handler';

/** Where notify steps publish. */
export interface NotifyTargets {
  readonly sns: SNSClient;
  /** The workspace notification topic. */
  readonly topicArn: string;
  readonly credentials: IntegrationCredentials;
}

const inputs = notifyInputsSchema.superRefine(slackNeedsCredential) as z.ZodType<z.output<typeof notifyInputsSchema>>;

/** `notify`: a message to the workspace notification topic, or to a Slack incoming webhook. */
export function notifyStep(targets: NotifyTargets) {
  return stepHandler(inputs, async (message, context) => {
    if (message.channel === 'slack') {
      const webhook = await targets.credentials.get(message.credential!, { runId: context.run.runId, stepId: context.stepId }, 'inputs.credential');
      await sendHttp({ method: 'POST', url: webhook, body: { text: message.subject ? `*${message.subject}*\n${message.message}` : message.message } }, context.signal, context.idempotencyKey);
      return { output: { channel: 'slack', delivered: true } };
    }
    const { MessageId } = await targets.sns.send(new PublishCommand({
      TopicArn: targets.topicArn, Subject: message.subject, Message: message.message,
      MessageAttributes: { runId: { DataType: 'String', StringValue: context.run.runId } },
    }), { abortSignal: context.signal });
    return { output: { channel: 'topic', messageId: MessageId } };
  });
}
