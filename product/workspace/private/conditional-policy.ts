import { CfnCondition } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { onlyIf } from './only-if';

/**
 * A policy of `statements` for `roles` that exists only under `condition`: the way to grant a role that
 * always exists access to a resource that exists only under that condition (a grant into the role's
 * default policy would reference a resource that may not be there).
 */
export function conditionalPolicy(scope: Construct, id: string, condition: CfnCondition, roles: iam.IRole[], statements: iam.PolicyStatement[]): iam.Policy {
  const policy = new iam.Policy(scope, id, { roles, statements });
  onlyIf(condition, policy);
  return policy;
}
