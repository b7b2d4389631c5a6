import { CfnParameter, CfnParameterProps, Lazy, Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';

/** A parameter as the buyer sees it in the launch wizard. */
export interface BuyerParameterProps extends CfnParameterProps {
  /** The label shown next to the field in the CloudFormation console. */
  readonly label: string;
}

interface ParameterGroup {
  readonly label: string;
  readonly parameters: string[];
}

/**
 * Declares parameters in titled groups and writes them as `AWS::CloudFormation::Interface` metadata,
 * so no parameter can reach the template without a group and a label.
 */
export class LaunchWizard {
  private readonly groups: ParameterGroup[] = [];
  private readonly labels: Record<string, { default: string }> = {};

  constructor(stack: Stack) {
    stack.templateOptions.metadata = {
      ...stack.templateOptions.metadata,
      'AWS::CloudFormation::Interface': {
        ParameterGroups: Lazy.any({
          produce: () => this.groups.map((group) => ({ Label: { default: group.label }, Parameters: group.parameters })),
        }),
        ParameterLabels: Lazy.any({ produce: () => this.labels }),
      },
    };
  }

  /** Declares a parameter, with its logical ID equal to `id`, in the named group (created on first use). */
  parameter(scope: Construct, id: string, groupLabel: string, props: BuyerParameterProps): CfnParameter {
    const { label, ...parameterProps } = props;
    const parameter = new CfnParameter(scope, id, parameterProps);
    parameter.overrideLogicalId(id);
    this.groupNamed(groupLabel).parameters.push(id);
    this.labels[id] = { default: label };
    return parameter;
  }

  private groupNamed(label: string): ParameterGroup {
    let group = this.groups.find((candidate) => candidate.label === label);
    if (!group) {
      group = { label, parameters: [] };
      this.groups.push(group);
    }
    return group;
  }
}
