import { Aws, Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { ENGINE_HEALTH_CHECK, ENGINE_STEP_ACTIONS, ENGINE_TABLE_ACTIONS, EngineEnvironment } from '../../services/engine/contract';
import { ecsHealthCheck, MeteredService, MeteringSidecar } from './metered-service';
import { acceptNagFinding } from '../shared/policy-exceptions';

/** Props of {@link WorkspaceEngineService}. */
export interface WorkspaceEngineServiceProps {
  /** The engine's image URI in an Amazon ECR registry (EngineImage). */
  readonly image: string;
  /** CPU units of one task (EngineTaskCpu). */
  readonly cpu: number;
  /** Memory of one task in MiB (EngineTaskMemory), one of the sizes Fargate accepts with `cpu`. */
  readonly memoryLimitMiB: number;
  /** Tasks always running (EngineMinCount). */
  readonly minCount: number;
  /** The most tasks auto scaling may run (EngineMaxCount). */
  readonly maxCount: number;
  /** What the metering sidecar next to each task runs and reports under. */
  readonly metering: MeteringSidecar;
  readonly vpc: ec2.IVpc;
  /** The subnets the tasks run in. */
  readonly vpcSubnets: ec2.SubnetSelection;
  readonly securityGroup: ec2.ISecurityGroup;
  readonly logsKey: kms.IKey;
  /** Days the engine's log group keeps events: the LogRetentionDays parameter's value. */
  readonly logRetentionDays: number;
  /** The workspace table: runs, step results and the run queue, and the metering sidecar's ledger. */
  readonly table: dynamodb.ITable;
  /** Notified when any metering sidecar of the workspace logs an alarm line (a record failed for good, no entitlement, usage left unsent). */
  readonly alarmTopic: sns.ITopic;
}

/** The engine's environment as the stack completes it (METERING_URL is the sidecar's, added by MeteredService). */
export type EngineServiceEnvironment = Omit<EngineEnvironment, 'METERING_URL'>;

/**
 * The workspace engine (services/engine) on an ECS Fargate cluster with Container Insights: the engine
 * next to its metering sidecar ({@link MeteredService}), sized by the EngineTask* parameters, with CPU
 * and memory target-tracking scaling between EngineMinCount and EngineMaxCount. The engine claims
 * queued runs from the workspace table, so it accepts no inbound connection; its health check reads
 * the heartbeat file its run loop writes. Its cluster is the one the agent services join.
 */
export class WorkspaceEngineService extends MeteredService {
  constructor(scope: Construct, id: string, props: WorkspaceEngineServiceProps) {
    super(scope, id, {
      metering: props.metering, vpc: props.vpc, vpcSubnets: props.vpcSubnets, securityGroup: props.securityGroup,
      logsKey: props.logsKey, logRetentionDays: props.logRetentionDays,
      cpu: props.cpu, memoryLimitMiB: props.memoryLimitMiB, desiredCount: props.minCount,
      meteringTable: props.table,
      meteringAlarmTopic: props.alarmTopic,
      workload: {
        id: 'Engine', containerName: 'engine', image: props.image, environment: {},
        healthCheck: ecsHealthCheck(ENGINE_HEALTH_CHECK),
      },
    });
    const scaling = this.service.autoScaleTaskCount({
      minCapacity: props.minCount,
      maxCapacity: props.maxCount,
    });
    scaling.scaleOnCpuUtilization('CpuScaling', { targetUtilizationPercent: 70 });
    scaling.scaleOnMemoryUtilization('MemoryScaling', { targetUtilizationPercent: 75 });
    props.table.grant(this.taskDefinition.taskRole, ...ENGINE_TABLE_ACTIONS);
    this.allowAwsSteps();
  }

  /** Sets the engine's environment, once everything it names exists; the contract's type names every variable. */
  configure(environment: EngineServiceEnvironment): void {
    for (const [name, value] of Object.entries(environment)) this.workload.addEnvironment(name, value);
  }

  /**
   * The calls `aws` steps may make: the contract's allow-list, and nothing else. Security Hub calls
   * are confined to the account's hub, SSM commands to its instances and AWS's own documents; the
   * other calls admit no resource.
   */
  private allowAwsSteps(): void {
    const role = this.taskDefinition.taskRole;
    const account = `${Aws.REGION}:${Aws.ACCOUNT_ID}`;
    const scoped: Record<string, string[]> = {
      'securityhub:': [`arn:${Aws.PARTITION}:securityhub:${account}:hub/default`],
      'ssm:SendCommand': [`arn:${Aws.PARTITION}:ec2:${account}:instance/*`, `arn:${Aws.PARTITION}:ssm:${Aws.REGION}::document/AWS-*`],
    };
    const resourcesOf = (action: string) => Object.entries(scoped).find(([prefix]) => action.startsWith(prefix))?.[1] ?? ['*'];
    const byResources = new Map<string, string[]>();
    for (const action of ENGINE_STEP_ACTIONS) {
      const key = JSON.stringify(Stack.of(this).resolve(resourcesOf(action)));
      byResources.set(key, [...(byResources.get(key) ?? []), action]);
    }
    [...byResources.values()].forEach((actions, index) => {
      role.addToPrincipalPolicy(new iam.PolicyStatement({ sid: `AwsSteps${index + 1}`, actions, resources: resourcesOf(actions[0]) }));
    });
    acceptNagFinding(role, 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ec2:<AWS::Region>:<AWS::AccountId>:instance/*]',
      'Which instances a remediation runs a command on is the bot\'s to say (its targets); the grant is confined to this account and Region.');
    acceptNagFinding(role, 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ssm:<AWS::Region>::document/AWS-*]',
      'Commands are AWS\'s own SSM documents (AWS-RunPatchBaseline, AWS-RunShellScript...), never a document of the account.');
    acceptNagFinding(role, 'AwsSolutions-IAM5[Resource::*]',
      'Only the allow-listed calls of aws steps that admit no resource-level permission (EC2 and SSM descriptions, command results) and usage reporting.');
  }
}
