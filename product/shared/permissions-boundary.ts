/**
 * The `PermissionsBoundaryArn` parameter of the workspace and the portfolio: an IAM managed policy that
 * caps every role the workspace creates (IAM's permissions-boundary pattern for delegated role creation).
 * Empty: no boundary.
 */
export const PERMISSIONS_BOUNDARY_PARAMETER = 'PermissionsBoundaryArn';

/** A managed policy ARN of any partition, or empty. */
export const PERMISSIONS_BOUNDARY_PATTERN = '^(arn:aws[a-z-]*:iam::[0-9]{12}:policy/[A-Za-z0-9+=,.@_/-]{1,512})?$';

export const PERMISSIONS_BOUNDARY_CONSTRAINT = 'must be empty or the ARN of an IAM managed policy in this account, for example arn:aws:iam::123456789012:policy/WorkspaceBoundary';
