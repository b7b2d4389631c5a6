import { CfnCondition } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

/** Props of {@link WorkspaceNotifications}. */
export interface WorkspaceNotificationsProps {
  readonly key: kms.IKey;
  /** The address that receives every notification (NotificationEmail). */
  readonly email: string;
  /** An HTTPS endpoint that receives them too: `url` (NotificationWebhookUrl), subscribed under `condition`. */
  readonly webhook: { readonly url: string; readonly condition: CfnCondition };
}

/**
 * Where alarms and workflow failures are announced (seed guide: "email or webhook notifications"): an
 * encrypted, TLS-only SNS topic with an email subscription and, when given, an HTTPS webhook.
 */
export class WorkspaceNotifications extends Construct {
  readonly topic: sns.Topic;

  constructor(scope: Construct, id: string, props: WorkspaceNotificationsProps) {
    super(scope, id);
    this.topic = new sns.Topic(this, 'Topic', {
      displayName: 'Workspace notifications',
      masterKey: props.key,
      enforceSSL: true,
    });
    new sns.CfnSubscription(this, 'EmailSubscription', {
      topicArn: this.topic.topicArn,
      protocol: 'email',
      endpoint: props.email,
    });
    const webhook = new sns.CfnSubscription(this, 'WebhookSubscription', {
      topicArn: this.topic.topicArn,
      protocol: 'https',
      endpoint: props.webhook.url,
    });
    webhook.cfnOptions.condition = props.webhook.condition;
  }
}
