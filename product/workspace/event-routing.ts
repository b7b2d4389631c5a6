import { Aws, CfnCondition } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { onlyIf } from './private/only-if';
import { uniqueName } from './private/stack-suffix';
import { notificationTopicTarget } from './private/topic-target';
import { RUN_FAILURE_DETAIL_TYPES } from '../../services/engine/contract';

/** The detail types of the workspace's own events that announce a failure; they go to the notification topic. */
export const FAILURE_DETAIL_TYPES = ['Task Failed', 'Agent Failed', 'Automation Failed', 'Automation Rolled Back', ...RUN_FAILURE_DETAIL_TYPES];
/** How long the archive keeps events for replay. */
export const ARCHIVE_RETENTION_DAYS = 90;

/** Props of {@link WorkspaceEventRouting}. */
export interface WorkspaceEventRoutingProps {
  /** The condition the bus exists under (EventRoutingEnabled). */
  readonly condition: CfnCondition;
  /** Receives the failure events. */
  readonly topic: sns.ITopic;
  /**
   * Encrypts the bus and its archive: the workspace's logs key, whose policy admits EventBridge for this bus
   * only ({@link WorkspaceKeys}). Workspace events are the same operational messages the task queue and the
   * notification topic carry (task, agent and automation outcomes), which that key already protects, so a
   * buyer who can read one can read the other and a separate key would add a policy to review but no separation.
   */
  readonly key: kms.IKey;
  /** Roles that publish workspace events (the ECS engine's task role). */
  readonly publishers: iam.IRole[];
}

/**
 * Event routing (seeds 001 and 002): a custom EventBridge bus for workspace events (source
 * `workspace.*`), an archive of every event on it for replay, both encrypted with a customer-managed key,
 * and a rule that fans failure events out to the notification topic. Created only under the
 * EventRoutingEnabled condition. Publishers need no KMS permission: EventBridge encrypts as itself, under
 * the key policy's statement for its service principal, not with the caller's credentials. The bus has no
 * dead-letter queue: EventBridge sends there only events it cannot encrypt or decrypt, which a queue under
 * the same key would refuse alike, and a queue under an SQS-owned key would keep events outside the buyer's key.
 */
export class WorkspaceEventRouting extends Construct {
  readonly bus: events.CfnEventBus;
  /** What lets the publishers put events on the bus; attach optional agents' roles to it. */
  readonly publishPolicy: iam.Policy;
  /** The condition the bus exists under: a reference to it from elsewhere must be under it too. */
  readonly condition: CfnCondition;

  constructor(scope: Construct, id: string, props: WorkspaceEventRoutingProps) {
    super(scope, id);
    this.condition = props.condition;
    this.bus = new events.CfnEventBus(this, 'Bus', {
      name: workspaceBusName(),
      description: 'Workspace events: tasks, agents and automations.',
      kmsKeyIdentifier: props.key.keyArn,
    });
    new events.CfnArchive(this, 'Archive', {
      archiveName: workspaceBusName(),
      sourceArn: this.bus.attrArn,
      description: 'Every workspace event, for replay after an outage or a fix.',
      retentionDays: ARCHIVE_RETENTION_DAYS,
      kmsKeyIdentifier: props.key.keyArn,
      eventPattern: { account: [Aws.ACCOUNT_ID] },
    });
    new events.CfnRule(this, 'FailuresToTopic', {
      eventBusName: this.bus.ref,
      description: 'Sends workspace failure events to the notification topic.',
      eventPattern: { 'source': [{ prefix: 'workspace.' }], 'detail-type': FAILURE_DETAIL_TYPES },
      targets: [notificationTopicTarget(props.topic)],
    });
    this.publishPolicy = new iam.Policy(this, 'PublishWorkspaceEvents', {
      roles: props.publishers,
      statements: [new iam.PolicyStatement({ actions: ['events:PutEvents'], resources: [this.bus.attrArn] })],
    });
    onlyIf(props.condition, this);
  }

}

/** The bus's name, known before it exists, so the topic policy can name its rules without a conditional reference. */
export function workspaceBusName(): string {
  return uniqueName('workspace-events');
}

/** The bus's ARN, known before it exists, so the logs key's policy can name it without a conditional reference. */
export function workspaceBusArn(): string {
  return `arn:${Aws.PARTITION}:events:${Aws.REGION}:${Aws.ACCOUNT_ID}:event-bus/${workspaceBusName()}`;
}

/** The ARNs of the rules on the workspace bus (`rule/<bus>/<rule>`), for the topic policy. */
export function workspaceBusRuleArns(): string {
  return `arn:${Aws.PARTITION}:events:${Aws.REGION}:${Aws.ACCOUNT_ID}:rule/${workspaceBusName()}/*`;
}
