import { Aws, CfnCondition, CfnMapping, Duration, Fn, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import {
  LEDGER_TABLE_ACTIONS, METERING_DIMENSIONS, METERING_PORT, METERING_URL, MeteringSidecarEnvironment, SIDECAR_HEALTH_CHECK,
} from '../../services/metering/contract';
import { acceptGuardFindings, acceptNagFinding } from '../shared/policy-exceptions';
import { FARGATE_MEMORY_SIZES } from './sizing';

/** The non-root user both containers run as. */
export const CONTAINER_USER = '1000:1000';
/** How long ECS waits after SIGTERM before it kills a container (the sidecar flushes usage then). */
export const STOP_TIMEOUT = Duration.seconds(60);

/** A health check as a service's contract states it (the image carries the same one). */
export interface ContractHealthCheck {
  readonly command: string[];
  readonly intervalSeconds: number;
  readonly timeoutSeconds: number;
  readonly retries: number;
  readonly startPeriodSeconds: number;
}

/** The task definition's form of a contract's health check. */
export function ecsHealthCheck(check: ContractHealthCheck): ecs.HealthCheck {
  return {
    command: check.command, interval: Duration.seconds(check.intervalSeconds), timeout: Duration.seconds(check.timeoutSeconds),
    retries: check.retries, startPeriod: Duration.seconds(check.startPeriodSeconds),
  };
}
/** The metering sidecar's memory hard limit; the workload's is the task's memory less this. */
export const SIDECAR_MEMORY_MIB = 256;
/** The metric every sidecar's alarm lines count towards, whichever service's log group they are in. */
export const METERING_ALARM_METRIC = 'MeteringAlarmLines';

/** What every metering sidecar of the workspace runs and reports under. */
export interface MeteringSidecar {
  /** The sidecar's image URI in an Amazon ECR registry (MeteringSidecarImage). */
  readonly image: string;
  /** The AWS Marketplace product code usage is reported under (MarketplaceProductCode). */
  readonly productCode: string;
  /** Holds when usage is reported to AWS Marketplace (MarketplaceMeteringEnabled); otherwise it is only recorded. */
  readonly condition: CfnCondition;
}

/** The container a {@link MeteredService} runs next to its metering sidecar. */
export interface MeteredWorkload {
  /** Construct ID of the container; also names the memory mapping when the task memory is a parameter. */
  readonly id: string;
  /** The container's name in the task definition, and its log stream prefix. */
  readonly containerName: string;
  /** Image URI in an Amazon ECR registry (`<account>.dkr.ecr.<region>.amazonaws.com/...`), usually a parameter. */
  readonly image: string;
  /** Environment of the container; `METERING_URL` (the sidecar on loopback) is added. */
  readonly environment: Record<string, string>;
  /**
   * Secrets resolved by ECS at start.
   * @default - none
   */
  readonly secrets?: Record<string, ecs.Secret>;
  /**
   * The container's health check.
   * @default - none: the container is healthy while it runs
   */
  readonly healthCheck?: ecs.HealthCheck;
}

/** Props of {@link MeteredService}. */
export interface MeteredServiceProps {
  /** What the metering sidecar next to each task runs and reports under. */
  readonly metering: MeteringSidecar;
  /**
   * The cluster the service joins.
   * @default - a new cluster in `vpc` with Container Insights on (the engine's; other services join it)
   */
  readonly cluster?: ecs.ICluster;
  readonly vpc: ec2.IVpc;
  /** The subnets the tasks run in. */
  readonly vpcSubnets: ec2.SubnetSelection;
  readonly securityGroup: ec2.ISecurityGroup;
  /** Encrypts the service's log group. */
  readonly logsKey: kms.IKey;
  /** Days the service's log group keeps events: the LogRetentionDays parameter's value. */
  readonly logRetentionDays: number;
  readonly workload: MeteredWorkload;
  /** CPU units of one task (a number or a parameter reference). */
  readonly cpu: number;
  /**
   * Memory of one task in MiB; the workload gets this less {@link SIDECAR_MEMORY_MIB}. A parameter
   * reference must take one of {@link FARGATE_MEMORY_SIZES}.
   */
  readonly memoryLimitMiB: number;
  /** Tasks the service keeps running. */
  readonly desiredCount: number;
  /** The DynamoDB table the metering sidecar keeps its ledger in; the task role may make the ledger's calls on it. */
  readonly meteringTable: dynamodb.ITable;
  /**
   * Notified when any metering sidecar logs an alarm line.
   * @default - no alarm of its own: its alarm lines count towards the same metric as every other
   *   sidecar's, so the one service given a topic (the engine) alarms for all
   */
  readonly meteringAlarmTopic?: sns.ITopic;
}

/**
 * The workspace's task pattern on ECS Fargate: one task definition with a workload container and the
 * metering sidecar (the workload starts once the sidecar is healthy and reaches it on loopback), both
 * non-root with read-only root file systems, a memory hard limit each and a stop timeout that lets the
 * sidecar send its current hour; logs in an encrypted log group whose alarm lines are counted; an
 * execution role that pulls only from the images' ECR registries; a task role that may report usage to
 * AWS Marketplace and make the ledger's calls on the workspace table; a service in the private subnets
 * with a deployment circuit breaker and no inbound connection.
 */
export class MeteredService extends Construct {
  readonly cluster: ecs.ICluster;
  readonly taskDefinition: ecs.FargateTaskDefinition;
  readonly service: ecs.FargateService;
  readonly logGroup: logs.LogGroup;
  /** The workload's container (its environment can be completed once what it names exists). */
  readonly workload: ecs.ContainerDefinition;

  constructor(scope: Construct, id: string, props: MeteredServiceProps) {
    super(scope, id);
    this.cluster = props.cluster ?? new ecs.Cluster(this, 'Cluster', {
      vpc: props.vpc,
      containerInsightsV2: ecs.ContainerInsights.ENABLED,
    });
    this.logGroup = new logs.LogGroup(this, 'LogGroup', {
      encryptionKey: props.logsKey,
      retention: props.logRetentionDays as logs.RetentionDays,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.taskDefinition = new ecs.FargateTaskDefinition(this, 'TaskDefinition', {
      cpu: props.cpu,
      memoryLimitMiB: props.memoryLimitMiB,
      runtimePlatform: { operatingSystemFamily: ecs.OperatingSystemFamily.LINUX, cpuArchitecture: ecs.CpuArchitecture.X86_64 },
    });
    acceptNagFinding(this.taskDefinition, 'AwsSolutions-ECS2',
      'The environment carries only resource names, endpoints and settings; credentials reach the containers as ECS secrets from Secrets Manager.');
    this.allowImagePulls([props.workload.image, props.metering.image]);
    const sidecar = this.addMeteringSidecar(props);
    this.workload = this.addWorkload(props.workload, sidecar, this.workloadMemoryLimit(props));
    this.countMeteringAlarmLines(props.meteringAlarmTopic);
    this.allowMetering(props.meteringTable);

    this.service = new ecs.FargateService(this, 'Service', {
      cluster: this.cluster,
      taskDefinition: this.taskDefinition,
      desiredCount: props.desiredCount,
      minHealthyPercent: 100,
      maxHealthyPercent: 200,
      assignPublicIp: false,
      securityGroups: [props.securityGroup],
      vpcSubnets: props.vpcSubnets,
      circuitBreaker: { enable: true, rollback: true },
      enableExecuteCommand: false,
      propagateTags: ecs.PropagatedTagSource.SERVICE,
    });
  }

  private addMeteringSidecar(props: MeteredServiceProps): ecs.ContainerDefinition {
    const { metering } = props;
    const sidecarEnvironment: MeteringSidecarEnvironment = {
      METERING_MODE: Fn.conditionIf(metering.condition.logicalId, 'custom', 'off').toString(),
      METERING_PRODUCT_CODE: metering.productCode,
      METERING_DIMENSIONS: METERING_DIMENSIONS.join(','),
      METERING_STORAGE: `dynamodb:${props.meteringTable.tableName}`,
      METERING_BIND: '127.0.0.1',
      METERING_PORT: String(METERING_PORT),
      AWS_REGION: Aws.REGION,
    };
    return this.taskDefinition.addContainer('MeteringSidecar', {
      containerName: 'metering-sidecar',
      image: ecs.ContainerImage.fromRegistry(metering.image),
      essential: true,
      user: CONTAINER_USER,
      readonlyRootFilesystem: true,
      stopTimeout: STOP_TIMEOUT,
      memoryLimitMiB: SIDECAR_MEMORY_MIB,
      environment: sidecarEnvironment,
      healthCheck: ecsHealthCheck(SIDECAR_HEALTH_CHECK),
      logging: ecs.LogDrivers.awsLogs({ logGroup: this.logGroup, streamPrefix: 'metering-sidecar' }),
    });
  }

  /**
   * The sidecar marks what an operator must act on with `"level": "alarm"` (a record AWS Marketplace
   * refused for good, CustomerNotEntitled, usage left unsent at shutdown); a metric filter counts
   * those lines, and with a topic an alarm notifies it, since unbilled usage is lost revenue.
   */
  private countMeteringAlarmLines(topic: sns.ITopic | undefined): void {
    const filter = this.logGroup.addMetricFilter('MeteringAlarmLines', {
      filterPattern: logs.FilterPattern.stringValue('$.level', '=', 'alarm'),
      metricNamespace: `AutomationWorkspace/${Aws.STACK_NAME}`,
      metricName: METERING_ALARM_METRIC,
      metricValue: '1',
    });
    if (!topic) return;
    const alarm = new cloudwatch.Alarm(this, 'MeteringAlarm', {
      metric: filter.metric({ period: Duration.minutes(5), statistic: 'Sum' }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      alarmDescription: 'The metering sidecar logged an alarm line: usage AWS Marketplace refused, a customer not entitled, or usage left unsent. Read the sidecar log stream (level "alarm") and GET /v1/usage/summary.',
    });
    alarm.addAlarmAction(new actions.SnsAction(topic));
    alarm.addOkAction(new actions.SnsAction(topic));
  }

  /**
   * Each container gets a memory hard limit (so one cannot starve the other); CloudFormation cannot
   * subtract, so when the task memory is a parameter the workload's limit for each allowed size comes
   * from a mapping.
   */
  private workloadMemoryLimit(props: MeteredServiceProps): number {
    if (!Token.isUnresolved(props.memoryLimitMiB)) return props.memoryLimitMiB - SIDECAR_MEMORY_MIB;
    const limits = new CfnMapping(this, `${props.workload.id}MemoryLimit`, {
      mapping: Object.fromEntries(FARGATE_MEMORY_SIZES.map((size) => [size, { MiB: Number(size) - SIDECAR_MEMORY_MIB }])),
    });
    acceptGuardFindings(this.taskDefinition.node.defaultChild as ecs.CfnTaskDefinition, ['ecs_task_definition_memory_hard_limit_check'],
      'Both containers have a hard limit: the sidecar 256 MiB, the workload the task memory less that, from a mapping (FindInMap), which cfn-guard cannot compare to a number.');
    return Token.asNumber(limits.findInMap(Token.asString(props.memoryLimitMiB), 'MiB'));
  }

  private addWorkload(workload: MeteredWorkload, sidecar: ecs.ContainerDefinition, memoryLimitMiB: number): ecs.ContainerDefinition {
    const tmp = `${workload.containerName}-tmp`;
    this.taskDefinition.addVolume({ name: tmp });
    const container = this.taskDefinition.addContainer(workload.id, {
      containerName: workload.containerName,
      image: ecs.ContainerImage.fromRegistry(workload.image),
      essential: true,
      user: CONTAINER_USER,
      readonlyRootFilesystem: true,
      stopTimeout: STOP_TIMEOUT,
      memoryLimitMiB,
      environment: { ...workload.environment, METERING_URL },
      secrets: workload.secrets,
      healthCheck: workload.healthCheck,
      logging: ecs.LogDrivers.awsLogs({ logGroup: this.logGroup, streamPrefix: workload.containerName }),
    });
    container.addMountPoints({ containerPath: '/tmp', sourceVolume: tmp, readOnly: false });
    container.addContainerDependencies({ container: sidecar, condition: ecs.ContainerDependencyCondition.HEALTHY });
    return container;
  }

  /**
   * The sidecar reports usage with the task role (the Metering API admits no resource-level permission)
   * and keeps its ledger in the workspace table: only the ledger's calls, on that table and its key.
   */
  private allowMetering(table: dynamodb.ITable): void {
    const taskRole = this.taskDefinition.taskRole;
    acceptNagFinding(taskRole, 'AwsSolutions-IAM5[Resource::*]',
      'Only aws-marketplace:MeterUsage and RegisterUsage, which admit no resource; AWS Marketplace meters the product code the sidecar names.');
    taskRole.addToPrincipalPolicy(new iam.PolicyStatement({
      sid: 'ReportMarketplaceUsage',
      actions: ['aws-marketplace:MeterUsage', 'aws-marketplace:RegisterUsage'],
      resources: ['*'],
    }));
    table.grant(taskRole, ...LEDGER_TABLE_ACTIONS);
    table.encryptionKey?.grantEncryptDecrypt(taskRole);
  }

  /**
   * The images live in AWS Marketplace's ECR registry, named by parameter: the execution role may pull
   * from that registry's repositories only (the account and Region are read from each image URI).
   */
  private allowImagePulls(images: string[]): void {
    const role = this.taskDefinition.obtainExecutionRole();
    role.addToPrincipalPolicy(new iam.PolicyStatement({
      sid: 'GetRegistryToken',
      // ecr:GetAuthorizationToken applies to the registry as a whole and admits no resource ARN.
      actions: ['ecr:GetAuthorizationToken'],
      resources: ['*'],
    }));
    acceptNagFinding(role, 'AwsSolutions-IAM5[Resource::*]',
      'Only ecr:GetAuthorizationToken, which applies to the registry as a whole and admits no resource.');
    for (const image of images) {
      const host = Fn.split('.', image);
      acceptNagFinding(role, `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ecr:${JSON.stringify(Stack.of(this).resolve(Fn.select(3, host)))}:${JSON.stringify(Stack.of(this).resolve(Fn.select(0, host)))}:repository/*]`,
        'The repository name is part of the image URI parameter and cannot be cut out of it in CloudFormation; the grant is confined to the registry (account and Region) the image names.');
    }
    role.addToPrincipalPolicy(new iam.PolicyStatement({
      sid: 'PullWorkspaceImages',
      actions: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchCheckLayerAvailability'],
      resources: images.map((image) => {
        const host = Fn.split('.', image);
        return `arn:${Aws.PARTITION}:ecr:${Fn.select(3, host)}:${Fn.select(0, host)}:repository/*`;
      }),
    }));
  }
}
