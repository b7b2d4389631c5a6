import { CfnParameter } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { LaunchWizard } from '../../shared/launch-wizard';
import { WizardGroup } from './wizard-group';

/** The launch wizard's "Amazon Bedrock (optional)" group: which models the workspace may call, and the optional guardrail. */
export class BedrockParameters {
  /** `EnableBedrock`: true lets the workspace invoke the listed models. */
  readonly enableBedrock: CfnParameter;
  /** `BedrockModelIds`: a comma-delimited list of foundation model IDs. */
  readonly modelIds: CfnParameter;
  /** `EnableBedrockGuardrail`: true makes every model call go through the workspace's guardrail. */
  readonly enableGuardrail: CfnParameter;

  constructor(scope: Construct, wizard: LaunchWizard) {
    const group = new WizardGroup(wizard, scope, 'Amazon Bedrock (optional)');
    this.enableBedrock = group.flag('EnableBedrock', 'Allow the workspace to call Amazon Bedrock', 'false',
      'true lets the workspace engine invoke the models listed below, and nothing else in Bedrock.');
    this.modelIds = group.parameter('BedrockModelIds', {
      label: 'Bedrock model IDs the workspace may invoke', type: 'CommaDelimitedList',
      default: 'anthropic.claude-3-5-sonnet-20240620-v1:0',
      allowedPattern: '^[a-z0-9-]+\\.[A-Za-z0-9.:-]{1,200}$',
      constraintDescription: 'each item must be a Bedrock model ID such as anthropic.claude-3-5-sonnet-20240620-v1:0',
      description: 'Comma-separated foundation model IDs; model access must be enabled for them in the Bedrock console.',
    });
    this.enableGuardrail = group.flag('EnableBedrockGuardrail',
      'Amazon Bedrock guardrail on every model call (optional; needs EnableBedrock)', 'false',
      'true creates a Bedrock guardrail (prompt attacks, harmful content, credentials and keys in prompts and answers) and lets the workspace invoke the listed models only through it; off by default because each guardrail evaluation is billed per text unit.');
  }
}
