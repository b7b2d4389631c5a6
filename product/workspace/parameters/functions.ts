import { CfnParameter } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { LaunchWizard } from '../../shared/launch-wizard';
import { WizardGroup } from './wizard-group';

/** The launch wizard's functions group: how much concurrency each workspace function reserves. */
export class FunctionParameters {
  /** `FunctionReservedConcurrency`. */
  readonly reservedConcurrency: CfnParameter;

  constructor(scope: Construct, wizard: LaunchWizard) {
    const group = new WizardGroup(wizard, scope, 'Serverless functions (AWS Lambda)');
    this.reservedConcurrency = group.parameter('FunctionReservedConcurrency', {
      label: 'Reserved concurrency per function', type: 'Number', default: 100, minValue: 1, maxValue: 900,
      description: 'Concurrent executions reserved for each workspace function (API handler, workflow executor). Kept below the account default of 1,000 so the workspace can never starve other functions in the account.',
    });
  }
}
