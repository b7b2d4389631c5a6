import { Aws, CfnCondition, Fn, IAspect } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';

/**
 * Sets the buyer's permissions boundary on every IAM role of the stack, when one is given: applied as an
 * aspect, so a role a later construct adds carries it too. Without the boundary the role is as before.
 */
export class RoleBoundary implements IAspect {
  /**
   * @param boundaryArn the managed policy's ARN (the `PermissionsBoundaryArn` parameter)
   * @param given the condition that the ARN is not empty
   */
  constructor(private readonly boundaryArn: string, private readonly given: CfnCondition) {}

  visit(node: IConstruct): void {
    if (node instanceof iam.CfnRole) {
      node.permissionsBoundary = Fn.conditionIf(this.given.logicalId, this.boundaryArn, Aws.NO_VALUE).toString();
    }
  }
}
