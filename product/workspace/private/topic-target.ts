import { Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as sns from 'aws-cdk-lib/aws-sns';

/**
 * An EventBridge rule target that publishes to the notification topic, retrying for a day (EventBridge's
 * longest) so that an SNS outage or a key policy being fixed does not lose the announcement.
 */
export function notificationTopicTarget(topic: sns.ITopic): events.CfnRule.TargetProperty {
  return {
    id: 'NotificationTopic',
    arn: topic.topicArn,
    retryPolicy: { maximumEventAgeInSeconds: Duration.hours(24).toSeconds(), maximumRetryAttempts: 185 },
  };
}
