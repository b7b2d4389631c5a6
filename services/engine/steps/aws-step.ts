import { awsInputsSchema, AWS_STEP_ACTIONS } from '../../workspace-data/definition/step-inputs';
import { StepError } from './step-error';
import { stepHandler } from './step-handler';

type AwsStepAction = (typeof AWS_STEP_ACTIONS)[number];
type Service = 'securityhub' | 'ec2' | 'ssm';

/** A client's send, with the command built from its name and the step's parameters. */
type Send = (command: string, parameters: unknown, signal: AbortSignal) => Promise<Record<string, unknown>>;

/**
 * The SDK clients of the services `aws` steps call, each loaded on its first use: most workspaces
 * never call some of them, and the EC2 client alone costs megabytes of memory.
 */
export class AwsStepClients {
  private readonly clients = new Map<Service, Promise<Send>>();

  constructor(private readonly config: Record<string, unknown> = {}) {}

  send(service: Service, command: string, parameters: unknown, signal: AbortSignal): Promise<Record<string, unknown>> {
    let client = this.clients.get(service);
    if (!client) {
      client = this.load(service);
      this.clients.set(service, client);
    }
    return client.then((send) => send(command, parameters, signal));
  }

  private async load(service: Service): Promise<Send> {
    const sdk: Record<string, any> = service === 'securityhub' ? await import('@aws-sdk/client-securityhub')
      : service === 'ec2' ? await import('@aws-sdk/client-ec2') : await import('@aws-sdk/client-ssm');
    const Client = sdk[{ securityhub: 'SecurityHubClient', ec2: 'EC2Client', ssm: 'SSMClient' }[service]];
    const client = new Client(this.config);
    return (command, parameters, signal) => client.send(new sdk[`${command}Command`](parameters), { abortSignal: signal });
  }
}

/** Each allow-listed action: its service and SDK command; the template grants exactly these actions. */
const CALLS: Record<AwsStepAction, [Service, string]> = {
  'securityhub:GetFindings': ['securityhub', 'GetFindings'],
  'securityhub:BatchUpdateFindings': ['securityhub', 'BatchUpdateFindings'],
  'ec2:DescribeInstances': ['ec2', 'DescribeInstances'],
  'ssm:SendCommand': ['ssm', 'SendCommand'],
  'ssm:GetCommandInvocation': ['ssm', 'GetCommandInvocation'],
  'ssm:DescribeInstanceInformation': ['ssm', 'DescribeInstanceInformation'],
};

/** Errors of AWS that another attempt will not change. */
const FINAL_ERRORS = new Set(['ValidationException', 'InvalidParameterValue', 'InvalidParameterException', 'AccessDeniedException', 'UnauthorizedOperation', 'InvalidInstanceId', 'InvalidInput']);

/** `aws`: one allow-listed AWS call with the task role; the response without its metadata is the output. */
export function awsStep(clients: AwsStepClients) {
  return stepHandler(awsInputsSchema, async (inputs, context) => {
    const [service, command] = CALLS[inputs.action];
    try {
      const { $metadata: _metadata, ...output } = await clients.send(service, command, inputs.parameters, context.signal);
      return { output };
    } catch (error) {
      if (context.signal.aborted) throw context.signal.reason;
      const { name, message } = error as Error;
      throw new StepError(`${inputs.action} failed: ${name}: ${message}`, { retryable: !FINAL_ERRORS.has(name) });
    }
  });
}
