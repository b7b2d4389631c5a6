import { Aws, Fn } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { AGENT_TASK_CPU, AGENT_TASK_MEMORY_MIB, WORKSPACE_AGENTS } from './agents';
import { workspaceBusName } from './event-routing';
import { WorkspaceGuardedAi } from './guarded-ai';
import { MeteredService } from './metered-service';
import { WorkspaceParameters } from './parameters';
import { RoleUnderCondition } from './private/conditional-roles';
import { onlyIf } from './private/only-if';
import { WorkspaceTaskQueue } from './task-queue';

/** Props of {@link WorkspaceAgentServices}. */
export interface WorkspaceAgentServicesProps {
  readonly parameters: WorkspaceParameters;
  /** The engine's cluster, which the agent services join. */
  readonly cluster: ecs.ICluster;
  readonly vpc: ec2.IVpc;
  /** The subnets the tasks run in. */
  readonly vpcSubnets: ec2.SubnetSelection;
  readonly securityGroup: ec2.ISecurityGroup;
  readonly logsKey: kms.IKey;
  /** The workspace table, where each agent task's metering sidecar keeps its ledger. */
  readonly meteringTable: dynamodb.ITable;
  /** The queue the agents take tasks from (named to them only under TaskQueueEnabled). */
  readonly taskQueue: WorkspaceTaskQueue;
  /** The guardrail the agents name on model calls (under BedrockGuardrailEnabled). */
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
    const { parameters } = props;
    this.roles = WORKSPACE_AGENTS.map((agent) => {
      const agentParameters = parameters.agents[agent.id];
      const service = new MeteredService(this, agent.id, {
        parameters, cluster: props.cluster, vpc: props.vpc, vpcSubnets: props.vpcSubnets, securityGroup: props.securityGroup,
        logsKey: props.logsKey, meteringTable: props.meteringTable,
        cpu: AGENT_TASK_CPU, memoryLimitMiB: AGENT_TASK_MEMORY_MIB,
        desiredCount: agentParameters.count.valueAsNumber,
        workload: {
          id: 'Agent', containerName: `${agent.name}-agent`, image: agentParameters.image.valueAsString,
          environment: this.agentEnvironment(parameters, agent.name, props),
        },
      });
      onlyIf(agentParameters.enabled, service);
      return { role: service.taskDefinition.taskRole, condition: agentParameters.enabled };
    });
  }

  /** Empty values say that the option is off, so an agent can tell "no queue" from a misconfiguration. */
  private agentEnvironment(parameters: WorkspaceParameters, name: string, props: WorkspaceAgentServicesProps): Record<string, string> {
    const ifOn = (condition: { logicalId: string }, value: string) => Fn.conditionIf(condition.logicalId, value, '').toString();
    return {
      AGENT_NAME: name,
      TASK_QUEUE_URL: ifOn(parameters.taskQueueEnabled, props.taskQueue.queue.queueUrl),
      EVENT_BUS_NAME: ifOn(parameters.eventRoutingEnabled, workspaceBusName()),
      BEDROCK_MODEL_IDS: ifOn(parameters.bedrockEnabled, Fn.join(',', parameters.bedrockModelIds.valueAsList)),
      GUARDRAIL_ID: ifOn(parameters.bedrockGuardrailEnabled, props.guardedAi.guardrail.attrGuardrailId),
      GUARDRAIL_VERSION: ifOn(parameters.bedrockGuardrailEnabled, props.guardedAi.version.attrVersion),
      AWS_REGION: Aws.REGION,
    };
  }
}
