import { CfnParameter } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { BuyerParameterProps, LaunchWizard } from '../../shared/launch-wizard';

/**
 * One titled group of the workspace's launch wizard: declares its parameters in `scope`, each with its
 * logical ID equal to its ID, in the order the buyer sees them.
 */
export class WizardGroup {
  constructor(private readonly wizard: LaunchWizard, private readonly scope: Construct, private readonly label: string) {}

  parameter(id: string, props: BuyerParameterProps): CfnParameter {
    return this.wizard.parameter(this.scope, id, this.label, props);
  }

  /** A `true`/`false` switch, `value` by default. */
  flag(id: string, label: string, value: 'true' | 'false', description: string): CfnParameter {
    return this.parameter(id, { label, type: 'String', default: value, allowedValues: ['true', 'false'], description });
  }
}
