import { CfnParameter } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { LaunchWizard } from '../../shared/launch-wizard';
import { PERMISSIONS_BOUNDARY_CONSTRAINT, PERMISSIONS_BOUNDARY_PARAMETER, PERMISSIONS_BOUNDARY_PATTERN } from '../../shared/permissions-boundary';
import { WizardGroup } from './wizard-group';

/** The launch wizard's "Permissions" group: the boundary every workspace role carries. */
export class PermissionParameters {
  /** `PermissionsBoundaryArn`: the managed policy set as the permissions boundary of every workspace role; empty: none. */
  readonly boundaryArn: CfnParameter;

  constructor(scope: Construct, wizard: LaunchWizard) {
    const group = new WizardGroup(wizard, scope, 'Permissions');
    this.boundaryArn = group.parameter(PERMISSIONS_BOUNDARY_PARAMETER, {
      label: 'Permissions boundary of the workspace roles (optional)', type: 'String', default: '',
      allowedPattern: PERMISSIONS_BOUNDARY_PATTERN, constraintDescription: PERMISSIONS_BOUNDARY_CONSTRAINT,
      description: 'An IAM managed policy that every role the workspace creates carries as its permissions boundary. Required when your Service Catalog portfolio was deployed with a boundary: give the same ARN. The README names a boundary to start from.',
    });
  }
}
