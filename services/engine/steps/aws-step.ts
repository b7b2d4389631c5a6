import { DescribeInstancesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { BatchUpdateFindingsCommand, GetFindingsCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { DescribeInstanceInformationCommand, GetCommandInvocationCommand, SendCommandCommand, SSMClient } from '@aws-sdk/client-ssm';
import { awsInputsSchema, AWS_STEP_ACTIONS } from '../../workspace-data/definition/step-inputs';
import { StepError } from './step-error';
import { stepHandler } from './step-handler';

type AwsStepAction = (typeof AWS_STEP_ACTIONS)[number];

/** The SDK clients `aws` steps call with the engine's task role (one per service, made once). */
export interface AwsStepClients {
  readonly securityHub: SecurityHubClient;
  readonly ec2: EC2Client;
  readonly ssm: SSMClient;
}

type Call = (clients: AwsStepClients, parameters: never, signal: AbortSignal) => Promise<unknown>;

/** Each allow-listed action and the SDK command that makes it; the template grants exactly these actions. */
const CALLS: Record<AwsStepAction, Call> = {
  'securityhub:GetFindings': (c, p, signal) => c.securityHub.send(new GetFindingsCommand(p), { abortSignal: signal }),
  'securityhub:BatchUpdateFindings': (c, p, signal) => c.securityHub.send(new BatchUpdateFindingsCommand(p), { abortSignal: signal }),
  'ec2:DescribeInstances': (c, p, signal) => c.ec2.send(new DescribeInstancesCommand(p), { abortSignal: signal }),
  'ssm:SendCommand': (c, p, signal) => c.ssm.send(new SendCommandCommand(p), { abortSignal: signal }),
  'ssm:GetCommandInvocation': (c, p, signal) => c.ssm.send(new GetCommandInvocationCommand(p), { abortSignal: signal }),
  'ssm:DescribeInstanceInformation': (c, p, signal) => c.ssm.send(new DescribeInstanceInformationCommand(p), { abortSignal: signal }),
};

/** Errors of AWS that another attempt will not change. */
const FINAL_ERRORS = new Set(['ValidationException', 'InvalidParameterValue', 'InvalidParameterException', 'AccessDeniedException', 'UnauthorizedOperation', 'InvalidInstanceId', 'InvalidInput']);

/** `aws`: one allow-listed AWS call with the task role; the response without its metadata is the output. */
export function awsStep(clients: AwsStepClients) {
  return stepHandler(awsInputsSchema, async (inputs, context) => {
    try {
      const { $metadata: _metadata, ...output } = await CALLS[inputs.action](clients, inputs.parameters as never, context.signal) as Record<string, unknown>;
      return { output };
    } catch (error) {
      if (context.signal.aborted) throw context.signal.reason;
      const { name, message } = error as Error;
      throw new StepError(`${inputs.action} failed: ${name}: ${message}`, { retryable: !FINAL_ERRORS.has(name) });
    }
  });
}
