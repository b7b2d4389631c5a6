import { Aws, CfnCondition, Fn } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { AGENT_TASK_CPU, AGENT_TASK_MEMORY_MIB, WORKSPACE_AGENTS } from './agents';
import { WorkspaceBedrockAccess } from './bedrock-access';
import { workspaceBusName, WorkspaceEventRouting } from './event-routing';
import { WorkspaceGuardedAi } from './guarded-ai';
import { MeteredService, MeteringSidecar } from './metered-service';
import { RoleUnderCondition } from './private/conditional-roles';
import { onlyIf } from './private/only-if';
import { WorkspaceTaskQueue } from './task-queue';

/** One agent service as the buyer sets it up. */
export interface AgentServiceSettings {
  /** The agent's image URI in an Amazon ECR registry (`<id>AgentImage`). */
  readonly image: string;
  /** Tasks the service keeps running (`<id>AgentCount`). */
  readonly count: number;
  /** The condition the service exists under (`<id>AgentEnabled`). */
  readonly condition: CfnCondition;
}

/** Props of {@link WorkspaceAgentServices}. */
export interface WorkspaceAgentServicesProps {
  /** Every agent of {@link WORKSPACE_AGENTS}, by id. */
  readonly agents: Record<string, AgentServiceSettings>;
  /** What the metering sidecar next to each task runs and reports under. */
  readonly metering: MeteringSidecar;
  /** The engine's cluster, which the agent services join. */
  readonly cluster: ecs.ICluster;
  readonly vpc: ec2.IVpc;
  /** The subnets the tasks run in. */
  readonly vpcSubnets: ec2.SubnetSelection;
  readonly securityGroup: ec2.ISecurityGroup;
  readonly logsKey: kms.IKey;
  /** Days each agent's log group keeps events: the LogRetentionDays parameter's value. */
  readonly logRetentionDays: number;
  /** The workspace table, where each agent task's metering sidecar keeps its ledger. */
  readonly meteringTable: dynamodb.ITable;
  /** The queue the agents take tasks from (named to them only under its condition). */
  readonly taskQueue: WorkspaceTaskQueue;
  /** The bus the agents publish workspace events to (named to them only under its condition). */
  readonly eventRouting: WorkspaceEventRouting;
  /** The workspace's Bedrock access, whose models the agents may call (named to them only under its condition). */
  readonly bedrock: WorkspaceBedrockAccess;
  /** The guardrail the agents name on model calls (under its condition). */
  readonly guardedAi: WorkspaceGuardedAi;
}

/**
 * The optional agent services of seed 002 ({@link WORKSPACE_AGENTS}), each a {@link MeteredService}
 * on the engine's cluster under its own `<id>AgentEnabled` condition, with its own image and task count.
 * An agent's task role has only what the sidecar needs (usage reporting, the ledger's calls); the
 * stack attaches the task queue, event bus, Bedrock and guardrail policies to {@link roles}, each role named under its condition.
 */
export class WorkspaceAgentServices extends Construct {
  /** Every agent's task role with the condition it exists under. */
  readonly roles: RoleUnderCondition[];

  constructor(scope: Construct, id: string, props: WorkspaceAgentServicesProps) {
    super(scope, id);
    this.roles = WORKSPACE_AGENTS.map((agent) => {
      const settings = props.agents[agent.id];
      const service = new MeteredService(this, agent.id, {
        metering: props.metering, cluster: props.cluster, vpc: props.vpc, vpcSubnets: props.vpcSubnets, securityGroup: props.securityGroup,
        logsKey: props.logsKey, logRetentionDays: props.logRetentionDays, meteringTable: props.meteringTable,
        cpu: AGENT_TASK_CPU, memoryLimitMiB: AGENT_TASK_MEMORY_MIB,
        desiredCount: settings.count,
        workload: {
          id: 'Agent', containerName: `${agent.name}-agent`, image: settings.image,
          environment: this.agentEnvironment(agent.name, props),
        },
      });
      onlyIf(settings.condition, service);
      return { role: service.taskDefinition.taskRole, condition: settings.condition };
    });
  }

  /** Empty values say that the option is off, so an agent can tell "no queue" from a misconfiguration. */
  private agentEnvironment(name: string, props: WorkspaceAgentServicesProps): Record<string, string> {
    const ifOn = (condition: { logicalId: string }, value: string) => Fn.conditionIf(condition.logicalId, value, '').toString();
    const { taskQueue, eventRouting, bedrock, guardedAi } = props;
    return {
      AGENT_NAME: name,
      TASK_QUEUE_URL: ifOn(taskQueue.condition, taskQueue.queue.queueUrl),
      EVENT_BUS_NAME: ifOn(eventRouting.condition, workspaceBusName()),
      BEDROCK_MODEL_IDS: ifOn(bedrock.condition, Fn.join(',', bedrock.modelIds)),
      GUARDRAIL_ID: ifOn(guardedAi.condition, guardedAi.guardrail.attrGuardrailId),
      GUARDRAIL_VERSION: ifOn(guardedAi.condition, guardedAi.version.attrVersion),
      AWS_REGION: Aws.REGION,
    };
  }
}
