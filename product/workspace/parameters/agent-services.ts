import { CfnParameter } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { LISTING_REGISTRY } from '../../images/image-record';
import { LaunchWizard } from '../../shared/launch-wizard';
import { WORKSPACE_AGENTS, WorkspaceAgent } from '../agents';
import { ECR_IMAGE } from './formats';
import { WizardGroup } from './wizard-group';

/** The parameters of one optional agent service. */
export interface AgentParameters {
  /** `Enable<id>Agent`: true creates the service. */
  readonly enable: CfnParameter;
  /** `<id>AgentImage`: the agent's ECR image URI. */
  readonly image: CfnParameter;
  /** `<id>AgentCount`: the tasks the service keeps running. */
  readonly count: CfnParameter;
}

/** The launch wizard's agent services group: per agent of {@link WORKSPACE_AGENTS}, a switch (off), its image and its task count. */
export class AgentServiceParameters {
  /** Every agent's parameters, by {@link WORKSPACE_AGENTS} id. */
  readonly agents: Record<string, AgentParameters>;

  /** `version` tags the default agent images. */
  constructor(scope: Construct, wizard: LaunchWizard, version: string) {
    const group = new WizardGroup(wizard, scope, 'Agent services (optional; Amazon ECS on AWS Fargate)');
    this.agents = Object.fromEntries(WORKSPACE_AGENTS.map((agent) => [agent.id, agentParameters(group, agent, version)]));
  }
}

function agentParameters(group: WizardGroup, agent: WorkspaceAgent, version: string): AgentParameters {
  const title = agent.name.replace(/-/g, ' ');
  const enable = group.flag(`Enable${agent.id}Agent`, `The ${title} agent service (optional)`, 'false',
    `true runs the ${title} agent, which ${agent.purpose}, as an ECS service of 0.5 vCPU and 1 GiB tasks with its own metering sidecar; it takes tasks from the task queue when EnableTaskQueue is true and publishes to the event bus when EnableEventRouting is true. Off by default because each task is billed per hour.`);
  const image = group.parameter(`${agent.id}AgentImage`, {
    label: `The ${title} agent container image`, type: 'String', default: `${LISTING_REGISTRY}/${agent.name}-agent:${version}`, ...ECR_IMAGE,
    description: `The ${title} agent image in the AWS Marketplace ECR repository of this listing (only with Enable${agent.id}Agent).`,
  });
  const count = group.parameter(`${agent.id}AgentCount`, {
    label: `Number of ${title} agent tasks`, type: 'Number', default: 1, minValue: 1, maxValue: 10,
    description: `${title[0].toUpperCase()}${title.slice(1)} agent tasks always running (only with Enable${agent.id}Agent); two spread them over both Availability Zones.`,
  });
  return { enable, image, count };
}
