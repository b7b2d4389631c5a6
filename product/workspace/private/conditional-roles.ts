import { Aws, CfnCondition, Fn, Lazy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';

/** A role that exists only where its condition holds (an optional service's task role). */
export interface RoleUnderCondition {
  readonly role: iam.IRole;
  readonly condition: CfnCondition;
}

/**
 * Attaches `policy` to roles that may be absent as well: each is named through `Fn::If`, so the policy
 * stays valid when its role is not created. The policy must keep an unconditional role (IAM refuses a
 * policy attached to nothing), which is why these come on top of the policy's own roles.
 */
export function attachUnderConditions(policy: iam.Policy, roles: readonly RoleUnderCondition[]): void {
  if (roles.length === 0) return;
  const resource = policy.node.defaultChild as iam.CfnPolicy;
  const own = resource.roles;
  resource.addPropertyOverride('Roles', Lazy.any({
    produce: () => [
      ...Stack.of(policy).resolve(own) as unknown[],
      ...roles.map(({ role, condition }) => Fn.conditionIf(condition.logicalId, role.roleName, Aws.NO_VALUE)),
    ],
  }));
}
