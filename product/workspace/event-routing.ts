import { Aws, Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { WorkspaceParameters } from './parameters';
import { onlyIf } from './private/only-if';
import { uniqueName } from './private/stack-suffix';

/** The detail types of the workspace's own events that announce a failure; they go to the notification topic. */
export const FAILURE_DETAIL_TYPES = ['Task Failed', 'Agent Failed', 'Automation Failed', 'Automation Rolled Back'];
/** How long the archive keeps events for replay. */
export const ARCHIVE_RETENTION_DAYS = 90;

/** Props of {@link WorkspaceEventRouting}. */
export interface WorkspaceEventRoutingProps {
  readonly parameters: WorkspaceParameters;
  /** Receives the failure events. */
  readonly topic: sns.ITopic;
  /** Roles that publish workspace events (the ECS engine's task role). */
  readonly publishers: iam.IRole[];
}

/**
 * Event routing (seeds 001 and 002): a custom EventBridge bus for workspace events (source
 * `workspace.*`), an archive of every event on it for replay, and a rule that fans failure events out
 * to the notification topic. Created only under the EventRoutingEnabled condition.
 */
export class WorkspaceEventRouting extends Construct {
  readonly bus: events.CfnEventBus;
  /** What lets the publishers put events on the bus; attach optional agents' roles to it. */
  readonly publishPolicy: iam.Policy;

  constructor(scope: Construct, id: string, props: WorkspaceEventRoutingProps) {
    super(scope, id);
    this.bus = new events.CfnEventBus(this, 'Bus', {
      name: workspaceBusName(),
      description: 'Workspace events: tasks, agents and automations.',
    });
    new events.CfnArchive(this, 'Archive', {
      archiveName: workspaceBusName(),
      sourceArn: this.bus.attrArn,
      description: 'Every workspace event, for replay after an outage or a fix.',
      retentionDays: ARCHIVE_RETENTION_DAYS,
      eventPattern: { account: [Aws.ACCOUNT_ID] },
    });
    new events.CfnRule(this, 'FailuresToTopic', {
      eventBusName: this.bus.ref,
      description: 'Sends workspace failure events to the notification topic.',
      eventPattern: { 'source': [{ prefix: 'workspace.' }], 'detail-type': FAILURE_DETAIL_TYPES },
      targets: [{ id: 'NotificationTopic', arn: props.topic.topicArn, retryPolicy: { maximumEventAgeInSeconds: Duration.hours(24).toSeconds(), maximumRetryAttempts: 185 } }],
    });
    this.publishPolicy = new iam.Policy(this, 'PublishWorkspaceEvents', {
      roles: props.publishers,
      statements: [new iam.PolicyStatement({ actions: ['events:PutEvents'], resources: [this.bus.attrArn] })],
    });
    onlyIf(props.parameters.eventRoutingEnabled, this);
  }

}

/** The bus's name, known before it exists, so the topic policy can name its rules without a conditional reference. */
export function workspaceBusName(): string {
  return uniqueName('workspace-events');
}

/** The ARNs of the rules on the workspace bus (`rule/<bus>/<rule>`), for the topic policy. */
export function workspaceBusRuleArns(): string {
  return `arn:${Aws.PARTITION}:events:${Aws.REGION}:${Aws.ACCOUNT_ID}:rule/${workspaceBusName()}/*`;
}
