import { nvdStep } from '../connectors/nvd';
import { slackStep } from '../connectors/slack';
import { superOpsStep } from '../connectors/superops';
import { IntegrationCredentials } from '../credentials';
import { StepHandlers } from '../runs/run-executor';
import { approvalStep, ApprovalWorkflow } from './approval-step';
import { awsStep, AwsStepClients } from './aws-step';
import { BedrockAccess, bedrockStep } from './bedrock-step';
import { httpStep } from './http-step';
import { conditionStep, transformStep, waitStep } from './logic-steps';
import { notifyStep, NotifyTargets } from './notify-step';

/** What the step kinds act with. */
export interface StepServices {
  readonly credentials: IntegrationCredentials;
  readonly aws: AwsStepClients;
  readonly bedrock: BedrockAccess;
  readonly notify: NotifyTargets;
  /** Undefined when approval workflows are off. */
  readonly approvals?: ApprovalWorkflow;
  /** Reports one AiAssistedSteps unit under the given id. */
  readonly meterAiStep: (id: string) => Promise<void>;
}

/** The low-code palette: every step kind's handler. */
export function stepHandlers(services: StepServices): StepHandlers {
  const fixed = {
    http: httpStep(services.credentials),
    aws: awsStep(services.aws),
    bedrock: bedrockStep(services.bedrock, services.meterAiStep),
    notify: notifyStep(services.notify),
    approval: approvalStep(services.approvals),
    wait: waitStep,
    slack: slackStep(services.credentials),
    nvd: nvdStep(services.credentials),
    superops: superOpsStep(services.credentials),
  };
  return (document) => ({ ...fixed, transform: transformStep(document), condition: conditionStep(document) });
}
