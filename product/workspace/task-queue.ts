import { CfnCondition, Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { onlyIf } from './private/only-if';
import { acceptGuardFindings } from '../shared/policy-exceptions';

/** A task that is received this many times without being deleted goes to the dead-letter queue. */
export const TASK_MAX_RECEIVES = 5;
/** The oldest-message alarm fires when a task has waited this long: the agents are not keeping up. */
export const TASK_MAX_AGE = Duration.minutes(15);

/** Props of {@link WorkspaceTaskQueue}. */
export interface WorkspaceTaskQueueProps {
  /** The condition the queue exists under (TaskQueueEnabled). */
  readonly condition: CfnCondition;
  /**
   * Encrypts both queues: the key whose policy already admits SQS use by the account's principals (the
   * logs key, which encrypts the notification topic and the functions' dead-letter queues).
   */
  readonly key: kms.IKey;
  /** Where the queue alarms notify. */
  readonly topic: sns.ITopic;
  /** Roles of the agents that take tasks (the ECS engine's task role). */
  readonly consumers: iam.IRole[];
}

/**
 * Task distribution for the workspace's agents (seed 002, "agents take tasks from queues"): an
 * encrypted, TLS-only task queue whose failed tasks go to a dead-letter queue after
 * {@link TASK_MAX_RECEIVES} receives, with alarms on dead-lettered tasks and on tasks waiting too long.
 * Everything is created only under the TaskQueueEnabled condition; grants are policies of this
 * construct, so they vanish with the queue.
 */
export class WorkspaceTaskQueue extends Construct {
  readonly queue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;
  readonly alarms: cloudwatch.Alarm[];
  /** What lets the consumers take tasks; attach optional agents' roles to it. */
  readonly consumePolicy: iam.Policy;
  /** The condition the queue exists under: a reference to it from elsewhere must be under it too. */
  readonly condition: CfnCondition;
  private readonly key: kms.IKey;

  constructor(scope: Construct, id: string, props: WorkspaceTaskQueueProps) {
    super(scope, id);
    this.key = props.key;
    this.condition = props.condition;
    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', {
      encryption: sqs.QueueEncryption.KMS, encryptionMasterKey: props.key, enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    acceptGuardFindings(this.deadLetterQueue.node.defaultChild as sqs.CfnQueue, ['sqs_dlq_check'],
      'This queue is itself the task queue\'s dead-letter queue; its tasks stay 14 days and raise an alarm.');
    this.queue = new sqs.Queue(this, 'Queue', {
      encryption: sqs.QueueEncryption.KMS, encryptionMasterKey: props.key, enforceSSL: true,
      // An agent holds a task for up to 15 minutes before another agent may take it.
      visibilityTimeout: Duration.minutes(15),
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: TASK_MAX_RECEIVES },
    });
    this.alarms = this.addAlarms(props.topic);
    this.consumePolicy = new iam.Policy(this, 'AgentsTakeTasks', { roles: props.consumers, statements: this.consumeStatements() });
    onlyIf(props.condition, this);
  }

  /** Statements that let a producer add tasks, and nothing else; for a policy under the same condition. */
  sendStatements(): iam.PolicyStatement[] {
    return [
      new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [this.queue.queueArn] }),
      new iam.PolicyStatement({ actions: ['kms:GenerateDataKey', 'kms:Decrypt'], resources: [this.key.keyArn] }),
    ];
  }

  private consumeStatements(): iam.PolicyStatement[] {
    return [
      new iam.PolicyStatement({
        actions: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'],
        resources: [this.queue.queueArn],
      }),
      new iam.PolicyStatement({ actions: ['kms:Decrypt'], resources: [this.key.keyArn] }),
    ];
  }

  private addAlarms(topic: sns.ITopic): cloudwatch.Alarm[] {
    const action = new actions.SnsAction(topic);
    const alarm = (id: string, metric: cloudwatch.IMetric, threshold: number, description: string) => {
      const created = new cloudwatch.Alarm(this, id, {
        metric, threshold, evaluationPeriods: 1, alarmDescription: description,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      created.addAlarmAction(action);
      created.addOkAction(action);
      return created;
    };
    const period = Duration.minutes(5);
    return [
      alarm('DeadLetteredTasks', this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period, statistic: 'Maximum' }), 1,
        `Tasks failed ${TASK_MAX_RECEIVES} times and wait in the task dead-letter queue.`),
      alarm('OldestTaskAge', this.queue.metricApproximateAgeOfOldestMessage({ period, statistic: 'Maximum' }), TASK_MAX_AGE.toSeconds(),
        `A task has waited more than ${TASK_MAX_AGE.toMinutes()} minutes: the agents are not keeping up.`),
    ];
  }
}
