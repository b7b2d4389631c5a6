import { Token } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { MeteredService } from './metered-service';
import { WorkspaceParameters } from './parameters';

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
  readonly meteringTable: dynamodb.ITable;
  /** Notified when any metering sidecar of the workspace logs an alarm line (a record failed for good, no entitlement, usage left unsent). */
  readonly alarmTopic: sns.ITopic;
}

/**
 * The workspace engine on an ECS Fargate cluster with Container Insights: the engine next to its
 * metering sidecar ({@link MeteredService}), sized by the EngineTask* parameters, with CPU and memory
 * target-tracking scaling between EngineMinCount and EngineMaxCount. The engine takes queued runs from
 * the workspace table, so it accepts no inbound connection. Its cluster is the one the agent services join.
 */
export class WorkspaceEngineService extends MeteredService {
  constructor(scope: Construct, id: string, props: WorkspaceEngineServiceProps) {
    const { parameters } = props;
    super(scope, id, {
      parameters, vpc: props.vpc, vpcSubnets: props.vpcSubnets, securityGroup: props.securityGroup, logsKey: props.logsKey,
      cpu: Token.asNumber(parameters.engineTaskCpu.valueAsString),
      memoryLimitMiB: Token.asNumber(parameters.engineTaskMemory.valueAsString),
      desiredCount: parameters.engineDesiredCount.valueAsNumber,
      meteringTable: props.meteringTable,
      meteringAlarmTopic: props.alarmTopic,
      workload: {
        id: 'Engine', containerName: 'engine', image: parameters.engineImage.valueAsString,
        environment: props.environment, secrets: props.secrets,
      },
    });
    const scaling = this.service.autoScaleTaskCount({
      minCapacity: parameters.engineDesiredCount.valueAsNumber,
      maxCapacity: parameters.engineMaxCount.valueAsNumber,
    });
    scaling.scaleOnCpuUtilization('CpuScaling', { targetUtilizationPercent: 70 });
    scaling.scaleOnMemoryUtilization('MemoryScaling', { targetUtilizationPercent: 75 });
  }
}
