import { CfnParameter } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { LaunchWizard } from '../../shared/launch-wizard';
import { WizardGroup } from './wizard-group';

/** The launch wizard's "API" group: how many requests the workspace API admits. */
export class ApiParameters {
  /** `ApiThrottlingRateLimit`: steady-state requests per second. */
  readonly rateLimit: CfnParameter;
  /** `ApiThrottlingBurstLimit`: requests admitted at once above the rate. */
  readonly burstLimit: CfnParameter;

  constructor(scope: Construct, wizard: LaunchWizard) {
    const group = new WizardGroup(wizard, scope, 'API');
    this.rateLimit = group.parameter('ApiThrottlingRateLimit', {
      label: 'API steady-state request rate (requests per second)', type: 'Number', default: 100, minValue: 1, maxValue: 10000,
      description: 'Requests per second the workspace API admits before it answers 429.',
    });
    this.burstLimit = group.parameter('ApiThrottlingBurstLimit', {
      label: 'API burst (requests)', type: 'Number', default: 200, minValue: 1, maxValue: 5000,
      description: 'Requests the workspace API admits at once above the steady-state rate.',
    });
  }
}
