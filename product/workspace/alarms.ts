import { Duration } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

/** Props of {@link WorkspaceAlarms}. */
export interface WorkspaceAlarmsProps {
  readonly topic: sns.ITopic;
  /** The functions to watch, by a short name used in alarm names. */
  readonly functions: Record<string, lambda.Function>;
  readonly service: ecs.FargateService;
  readonly table: dynamodb.Table;
  readonly api: apigateway.RestApi;
}

/** An alarm's condition: the metric crosses `threshold` for `periods` consecutive 5-minute periods. */
interface AlarmSpec {
  readonly metric: cloudwatch.IMetric;
  readonly threshold: number;
  readonly description: string;
  readonly periods?: number;
}

const PERIOD = Duration.minutes(5);

/**
 * CloudWatch alarms on the seed guide's health metrics (Lambda errors, duration and throttles; ECS CPU
 * and memory; DynamoDB throttling; API 5xx and latency), each notifying the workspace topic when it
 * fires and when it recovers, and a dashboard of the same metrics.
 */
export class WorkspaceAlarms extends Construct {
  readonly alarms: cloudwatch.Alarm[] = [];
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: WorkspaceAlarmsProps) {
    super(scope, id);
    const action = new actions.SnsAction(props.topic);
    const add = (alarmId: string, spec: AlarmSpec) => {
      const alarm = new cloudwatch.Alarm(this, alarmId, {
        metric: spec.metric,
        threshold: spec.threshold,
        evaluationPeriods: spec.periods ?? 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        alarmDescription: spec.description,
      });
      alarm.addAlarmAction(action);
      alarm.addOkAction(action);
      this.alarms.push(alarm);
    };

    for (const [name, fn] of Object.entries(props.functions)) {
      add(`${name}Errors`, { metric: fn.metricErrors({ period: PERIOD }), threshold: 1, description: `The ${name} function failed.` });
      add(`${name}Throttles`, { metric: fn.metricThrottles({ period: PERIOD }), threshold: 1, description: `The ${name} function hit its reserved concurrency.` });
      add(`${name}Duration`, {
        metric: fn.metricDuration({ period: PERIOD, statistic: 'p99' }),
        threshold: fn.timeout ? fn.timeout.toMilliseconds() * 0.8 : 10_000,
        periods: 3,
        description: `The ${name} function's p99 duration is above 80% of its timeout.`,
      });
    }
    add('EngineCpu', { metric: props.service.metricCpuUtilization({ period: PERIOD }), threshold: 85, periods: 3, description: 'Engine CPU above 85% although it scales at 70%: it is at its maximum task count.' });
    add('EngineMemory', { metric: props.service.metricMemoryUtilization({ period: PERIOD }), threshold: 90, periods: 3, description: 'Engine memory above 90% although it scales at 75%: it is at its maximum task count.' });
    add('TableThrottles', {
      metric: new cloudwatch.MathExpression({
        expression: 'reads + writes',
        usingMetrics: {
          reads: props.table.metric('ReadThrottleEvents', { period: PERIOD, statistic: 'Sum' }),
          writes: props.table.metric('WriteThrottleEvents', { period: PERIOD, statistic: 'Sum' }),
        },
        period: PERIOD,
        label: 'Throttled requests',
      }),
      threshold: 1,
      description: 'DynamoDB throttled requests to the workspace table.',
    });
    add('Api5xx', { metric: props.api.metricServerError({ period: PERIOD, statistic: 'Sum' }), threshold: 5, description: 'The workspace API answered 5xx.' });
    add('ApiLatency', { metric: props.api.metricLatency({ period: PERIOD, statistic: 'p99' }), threshold: 5000, periods: 3, description: 'The workspace API p99 latency is above 5 seconds.' });
    this.dashboard = this.addDashboard(props);
  }

  private addDashboard(props: WorkspaceAlarmsProps): cloudwatch.Dashboard {
    const dashboard = new cloudwatch.Dashboard(this, 'Dashboard', { defaultInterval: Duration.hours(6) });
    const functions = Object.entries(props.functions);
    dashboard.addWidgets(
      new cloudwatch.GraphWidget({ title: 'Function invocations and errors', width: 12,
        left: functions.map(([, fn]) => fn.metricInvocations()), right: functions.map(([, fn]) => fn.metricErrors()) }),
      new cloudwatch.GraphWidget({ title: 'Function duration (p99)', width: 12,
        left: functions.map(([, fn]) => fn.metricDuration({ statistic: 'p99' })) }),
    );
    dashboard.addWidgets(
      new cloudwatch.GraphWidget({ title: 'Engine CPU and memory (%)', width: 12,
        left: [props.service.metricCpuUtilization(), props.service.metricMemoryUtilization()] }),
      new cloudwatch.GraphWidget({ title: 'DynamoDB throttling', width: 12,
        left: [props.table.metric('ReadThrottleEvents', { statistic: 'Sum' }), props.table.metric('WriteThrottleEvents', { statistic: 'Sum' })] }),
    );
    dashboard.addWidgets(
      new cloudwatch.GraphWidget({ title: 'API requests and errors', width: 12,
        left: [props.api.metricCount()], right: [props.api.metricClientError(), props.api.metricServerError()] }),
      new cloudwatch.GraphWidget({ title: 'API latency (p99)', width: 12, left: [props.api.metricLatency({ statistic: 'p99' })] }),
      new cloudwatch.AlarmStatusWidget({ title: 'Alarms', width: 24, alarms: this.alarms }),
    );
    return dashboard;
  }
}
