import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { WorkspaceParameters } from './parameters';

/** Props of {@link WorkspaceNotifications}. */
export interface WorkspaceNotificationsProps {
  readonly parameters: WorkspaceParameters;
  readonly key: kms.IKey;
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
      endpoint: props.parameters.notificationEmail.valueAsString,
    });
    const webhook = new sns.CfnSubscription(this, 'WebhookSubscription', {
      topicArn: this.topic.topicArn,
      protocol: 'https',
      endpoint: props.parameters.notificationWebhookUrl.valueAsString,
    });
    webhook.cfnOptions.condition = props.parameters.webhookEnabled;
  }
}
