import * as iam from 'aws-cdk-lib/aws-iam';
import { ArnScope, PROVISIONED_STACKS, ROLE_PERMISSION_ACTIONS, THROUGH_CLOUDFORMATION } from './launch-scope';

/** What {@link roleStatements} needs besides the actions. */
export interface RoleGrantOptions {
  /** The services the workspace's roles trust: the only ones they may be passed to. */
  readonly passedTo: string[];
  /** The service-linked roles the resource types may create. */
  readonly linked: string[];
  /** The permissions boundary every created role must carry. @default - none */
  readonly boundary?: string;
}

/**
 * The IAM statements: on the provisioned products' roles only, passed only to the services that trust
 * them, service-linked roles only for the workspace's services, and with a boundary, no role gets
 * permissions unless it carries the boundary, which it cannot shed.
 */
export function roleStatements(actions: string[], scope: ArnScope, options: RoleGrantOptions): iam.PolicyStatement[] {
  const roles = [`arn:${scope.partition}:iam::${scope.account}:role/${PROVISIONED_STACKS}`];
  const special = new Set(['iam:PassRole', 'iam:CreateServiceLinkedRole', 'iam:DeleteRolePermissionsBoundary', ...ROLE_PERMISSION_ACTIONS]);
  const throughCloudFormation = (more: Record<string, string | string[]> = {}) => ({ StringEquals: { ...THROUGH_CLOUDFORMATION.StringEquals, ...more } });
  const statements = [
    new iam.PolicyStatement({ sid: 'WorkspaceRoles', actions: actions.filter((action) => !special.has(action)), resources: roles, conditions: throughCloudFormation() }),
    new iam.PolicyStatement({
      sid: options.boundary ? 'WorkspaceRolePermissionsWithBoundary' : 'WorkspaceRolePermissions',
      actions: ROLE_PERMISSION_ACTIONS.filter((action) => actions.includes(action)), resources: roles,
      conditions: { ...throughCloudFormation(), ...(options.boundary ? { ArnEquals: { 'iam:PermissionsBoundary': options.boundary } } : {}) },
    }),
    new iam.PolicyStatement({ sid: 'PassWorkspaceRoles', actions: ['iam:PassRole'], resources: roles, conditions: throughCloudFormation({ 'iam:PassedToService': options.passedTo }) }),
    new iam.PolicyStatement({
      sid: 'ServiceLinkedRoles', actions: ['iam:CreateServiceLinkedRole'], resources: [`arn:${scope.partition}:iam::${scope.account}:role/aws-service-role/*`],
      conditions: throughCloudFormation({ 'iam:AWSServiceName': options.linked }),
    }),
  ];
  if (options.boundary) {
    statements.push(new iam.PolicyStatement({ sid: 'KeepTheBoundary', effect: iam.Effect.DENY, actions: ['iam:DeleteRolePermissionsBoundary'], resources: roles }));
  } else if (actions.includes('iam:DeleteRolePermissionsBoundary')) {
    statements.push(new iam.PolicyStatement({ sid: 'WorkspaceRoleBoundaries', actions: ['iam:DeleteRolePermissionsBoundary'], resources: roles, conditions: throughCloudFormation() }));
  }
  return statements;
}
