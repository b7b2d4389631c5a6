import { CfnParameter } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { LaunchWizard } from '../../shared/launch-wizard';
import { WizardGroup } from './wizard-group';

/** The launch wizard's "Agentic automation (optional)" group: the task queue, the event bus and approval-gated automation. */
export class AgenticAutomationParameters {
  /** `EnableTaskQueue`: true creates the agents' task queue. */
  readonly enableTaskQueue: CfnParameter;
  /** `EnableEventRouting`: true creates the workspace event bus. */
  readonly enableEventRouting: CfnParameter;
  /** `EnableApprovalWorkflows`: true creates the approval workflow (a rule requires the task queue with it). */
  readonly enableApprovalWorkflows: CfnParameter;
  /** `ApprovalTimeoutHours`: how long an automation waits for a decision. */
  readonly approvalTimeoutHours: CfnParameter;

  constructor(scope: Construct, wizard: LaunchWizard) {
    const group = new WizardGroup(wizard, scope, 'Agentic automation (optional)');
    this.enableTaskQueue = group.flag('EnableTaskQueue',
      'Amazon SQS task queue for workspace agents (optional)', 'false',
      'true creates an encrypted task queue with a dead-letter queue and alarms, from which the engine\'s agents take tasks; off by default because the engine runs workflows from the workspace table without it.');
    this.enableEventRouting = group.flag('EnableEventRouting',
      'Amazon EventBridge bus for workspace events (optional)', 'false',
      'true creates a custom event bus with a 90-day archive for replay, and rules that send failure events to the notification topic; off by default because the archive is billed per GB and few installations replay events.');
    this.enableApprovalWorkflows = group.flag('EnableApprovalWorkflows',
      'Approval-gated patch and alert automation (AWS Step Functions; optional, needs EnableTaskQueue)', 'false',
      'true creates a state machine that assesses the risk of each patch or remediation, waits for a person to approve risky ones through the API, hands the action to the agents through the task queue, verifies it and rolls it back on failure; off by default because it acts on your systems once approved.');
    this.approvalTimeoutHours = group.parameter('ApprovalTimeoutHours', {
      label: 'Hours an automation waits for approval', type: 'Number', default: 24, minValue: 1, maxValue: 168,
      description: 'An automation that needs approval and gets no decision within this many hours is abandoned (never run).',
    });
  }
}
