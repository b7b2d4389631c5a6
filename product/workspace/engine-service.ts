import { Aws, CfnMapping, Duration, Fn, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { METERING_DIMENSIONS, METERING_PORT } from './metering';
import { WorkspaceParameters } from './parameters';
import { acceptGuardFindings, acceptNagFinding } from './private/policy-exceptions';
import { FARGATE_MEMORY_SIZES } from './sizing';

/** The non-root user both containers run as. */
export const CONTAINER_USER = '1000:1000';
/** How long ECS waits after SIGTERM before it kills a container (the sidecar flushes usage then). */
export const STOP_TIMEOUT = Duration.seconds(60);
/** The metering sidecar's memory hard limit; the engine's is the task's memory less this. */
export const SIDECAR_MEMORY_MIB = 256;

/** Props of {@link WorkspaceEngineService}. */
export interface WorkspaceEngineServiceProps {
  readonly parameters: WorkspaceParameters;
  readonly vpc: ec2.IVpc;
  /** The subnets the tasks run in. */
  readonly vpcSubnets: ec2.SubnetSelection;
  readonly securityGroup: ec2.ISecurityGroup;
  readonly logsKey: kms.IKey;
  /** Environment of the engine container (data store endpoints and names). */
  readonly environment: Record<string, string>;
  /** Secrets of the engine container, resolved by ECS at start. */
  readonly secrets: Record<string, ecs.Secret>;
  /** The DynamoDB table the metering sidecar keeps its ledger in. */
  readonly meteringTableName: string;
  /** Notified when the metering sidecar logs an alarm line (a record failed for good, no entitlement, usage left unsent). */
  readonly alarmTopic: sns.ITopic;
}

/**
 * The workspace engine on an ECS Fargate cluster with Container Insights: one task definition with the
 * engine and the metering sidecar (the engine starts once the sidecar is healthy), both non-root with
 * read-only root file systems; a service in the private subnets with a deployment circuit breaker and
 * CPU and memory target-tracking scaling. The engine takes queued runs from the workspace table, so it
 * accepts no inbound connection.
 */
export class WorkspaceEngineService extends Construct {
  readonly cluster: ecs.Cluster;
  readonly taskDefinition: ecs.FargateTaskDefinition;
  readonly service: ecs.FargateService;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: WorkspaceEngineServiceProps) {
    super(scope, id);
    const { parameters } = props;
    this.cluster = new ecs.Cluster(this, 'Cluster', {
      vpc: props.vpc,
      containerInsightsV2: ecs.ContainerInsights.ENABLED,
    });
    this.logGroup = new logs.LogGroup(this, 'LogGroup', {
      encryptionKey: props.logsKey,
      retention: parameters.logRetentionDays.valueAsNumber as logs.RetentionDays,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.taskDefinition = new ecs.FargateTaskDefinition(this, 'TaskDefinition', {
      cpu: Token.asNumber(parameters.engineTaskCpu.valueAsString),
      memoryLimitMiB: Token.asNumber(parameters.engineTaskMemory.valueAsString),
      runtimePlatform: { operatingSystemFamily: ecs.OperatingSystemFamily.LINUX, cpuArchitecture: ecs.CpuArchitecture.X86_64 },
    });
    acceptNagFinding(this.taskDefinition, 'AwsSolutions-ECS2',
      'The environment carries only resource names, endpoints and settings; credentials reach the containers as ECS secrets from Secrets Manager.');
    this.allowImagePulls([parameters.engineImage.valueAsString, parameters.meteringSidecarImage.valueAsString]);
    const sidecar = this.addMeteringSidecar(props);
    this.addEngine(props, sidecar, this.engineMemoryLimit(parameters));
    this.alarmOnMeteringAlarmLines(props.alarmTopic);

    this.service = new ecs.FargateService(this, 'Service', {
      cluster: this.cluster,
      taskDefinition: this.taskDefinition,
      desiredCount: parameters.engineDesiredCount.valueAsNumber,
      minHealthyPercent: 100,
      maxHealthyPercent: 200,
      assignPublicIp: false,
      securityGroups: [props.securityGroup],
      vpcSubnets: props.vpcSubnets,
      circuitBreaker: { enable: true, rollback: true },
      enableExecuteCommand: false,
      propagateTags: ecs.PropagatedTagSource.SERVICE,
    });
    const scaling = this.service.autoScaleTaskCount({
      minCapacity: parameters.engineDesiredCount.valueAsNumber,
      maxCapacity: parameters.engineMaxCount.valueAsNumber,
    });
    scaling.scaleOnCpuUtilization('CpuScaling', { targetUtilizationPercent: 70 });
    scaling.scaleOnMemoryUtilization('MemoryScaling', { targetUtilizationPercent: 75 });
  }

  private addMeteringSidecar(props: WorkspaceEngineServiceProps): ecs.ContainerDefinition {
    const { parameters } = props;
    const meteringMode = Fn.conditionIf(parameters.meteringEnabled.logicalId, 'custom', 'off').toString();
    return this.taskDefinition.addContainer('MeteringSidecar', {
      containerName: 'metering-sidecar',
      image: ecs.ContainerImage.fromRegistry(parameters.meteringSidecarImage.valueAsString),
      essential: true,
      user: CONTAINER_USER,
      readonlyRootFilesystem: true,
      stopTimeout: STOP_TIMEOUT,
      memoryLimitMiB: SIDECAR_MEMORY_MIB,
      environment: {
        METERING_MODE: meteringMode,
        METERING_PRODUCT_CODE: parameters.marketplaceProductCode.valueAsString,
        METERING_DIMENSIONS: METERING_DIMENSIONS.join(','),
        METERING_STORAGE: `dynamodb:${props.meteringTableName}`,
        METERING_BIND: '127.0.0.1',
        METERING_PORT: String(METERING_PORT),
        AWS_REGION: Aws.REGION,
      },
      healthCheck: {
        command: ['CMD', 'node', '-e',
          `fetch('http://127.0.0.1:${METERING_PORT}/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))`],
        interval: Duration.seconds(10),
        timeout: Duration.seconds(5),
        retries: 3,
        startPeriod: Duration.seconds(10),
      },
      logging: ecs.LogDrivers.awsLogs({ logGroup: this.logGroup, streamPrefix: 'metering-sidecar' }),
    });
  }

  /**
   * The sidecar marks what an operator must act on with `"level": "alarm"` (a record AWS Marketplace
   * refused for good, CustomerNotEntitled, usage left unsent at shutdown); a metric filter counts
   * those lines and an alarm notifies the workspace topic, since unbilled usage is lost revenue.
   */
  private alarmOnMeteringAlarmLines(topic: sns.ITopic): void {
    const filter = this.logGroup.addMetricFilter('MeteringAlarmLines', {
      filterPattern: logs.FilterPattern.stringValue('$.level', '=', 'alarm'),
      metricNamespace: `AutomationWorkspace/${Aws.STACK_NAME}`,
      metricName: 'MeteringAlarmLines',
      metricValue: '1',
    });
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
   * subtract, so the engine's limit for each allowed task size comes from a mapping.
   */
  private engineMemoryLimit(parameters: WorkspaceParameters): number {
    const limits = new CfnMapping(this, 'EngineMemoryLimit', {
      mapping: Object.fromEntries(FARGATE_MEMORY_SIZES.map((size) => [size, { MiB: Number(size) - SIDECAR_MEMORY_MIB }])),
    });
    acceptGuardFindings(this.taskDefinition.node.defaultChild as ecs.CfnTaskDefinition, ['ecs_task_definition_memory_hard_limit_check'],
      'Both containers have a hard limit: the sidecar 256 MiB, the engine the task memory less that, from a mapping (FindInMap), which cfn-guard cannot compare to a number.');
    return Token.asNumber(limits.findInMap(parameters.engineTaskMemory.valueAsString, 'MiB'));
  }

  private addEngine(props: WorkspaceEngineServiceProps, sidecar: ecs.ContainerDefinition, memoryLimitMiB: number): void {
    this.taskDefinition.addVolume({ name: 'engine-tmp' });
    const engine = this.taskDefinition.addContainer('Engine', {
      containerName: 'engine',
      image: ecs.ContainerImage.fromRegistry(props.parameters.engineImage.valueAsString),
      essential: true,
      user: CONTAINER_USER,
      readonlyRootFilesystem: true,
      stopTimeout: STOP_TIMEOUT,
      memoryLimitMiB,
      environment: {
        ...props.environment,
        METERING_URL: `http://127.0.0.1:${METERING_PORT}`,
      },
      secrets: props.secrets,
      logging: ecs.LogDrivers.awsLogs({ logGroup: this.logGroup, streamPrefix: 'engine' }),
    });
    engine.addMountPoints({ containerPath: '/tmp', sourceVolume: 'engine-tmp', readOnly: false });
    engine.addContainerDependencies({ container: sidecar, condition: ecs.ContainerDependencyCondition.HEALTHY });
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
