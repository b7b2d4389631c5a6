import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { noGrantsExceptForAwsResources } from '../shared/key-grants';

/** Props of {@link StackEvents}. */
export interface StackEventsProps {
  /** Who receives the events by email. */
  readonly email: string;
}

/**
 * Where the CloudFormation events of launched workspaces go (the portfolio's notification constraint):
 * an encrypted, TLS-only topic with an email subscription.
 */
export class StackEvents extends Construct {
  readonly topic: sns.Topic;
  readonly key: kms.Key;

  constructor(scope: Construct, id: string, props: StackEventsProps) {
    super(scope, id);
    this.key = new kms.Key(this, 'Key', {
      description: 'Encrypts the stack-event notifications and the function logs of the Automation Workspace portfolio.',
      enableKeyRotation: true,
      rotationPeriod: Duration.days(365),
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.key.addToResourcePolicy(noGrantsExceptForAwsResources());
    this.topic = new sns.Topic(this, 'Topic', { displayName: 'Automation Workspace stack events', masterKey: this.key, enforceSSL: true });
    new sns.CfnSubscription(this, 'EmailSubscription', { topicArn: this.topic.topicArn, protocol: 'email', endpoint: props.email });
  }
}
