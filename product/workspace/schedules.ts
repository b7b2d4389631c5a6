import { Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/** Props of {@link WorkspaceSchedules}. */
export interface WorkspaceSchedulesProps {
  readonly executor: lambda.IFunction;
  /** Receives schedule events the executor could not take after the retries. */
  readonly deadLetterQueue: sqs.IQueue;
}

/**
 * Scheduled automations (seed guide, "CloudWatch Events"): an EventBridge rule wakes the workflow
 * executor every minute to start the workflows whose schedule is due. Missed deliveries are retried for
 * up to an hour and then kept in the executor's dead-letter queue.
 */
export class WorkspaceSchedules extends Construct {
  readonly rule: events.Rule;

  constructor(scope: Construct, id: string, props: WorkspaceSchedulesProps) {
    super(scope, id);
    this.rule = new events.Rule(this, 'EveryMinute', {
      description: 'Starts the workspace workflows whose schedule is due.',
      schedule: events.Schedule.rate(Duration.minutes(1)),
    });
    this.rule.addTarget(new targets.LambdaFunction(props.executor, {
      event: events.RuleTargetInput.fromObject({ source: 'workspace.schedule', time: events.EventField.time }),
      retryAttempts: 185,
      maxEventAge: Duration.hours(1),
      deadLetterQueue: props.deadLetterQueue,
    }));
  }
}
