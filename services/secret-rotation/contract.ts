/**
 * What the workspace template and the DocumentDB secret rotation function agree on: the calls its role
 * must allow on the master secret, and the password it generates.
 */
export const ROTATION_SECRET_ACTIONS = ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue', 'secretsmanager:PutSecretValue',
  'secretsmanager:UpdateSecretVersionStage'];

/** Takes no resource: a policy must name "*" for it. */
export const ROTATION_PASSWORD_ACTION = 'secretsmanager:GetRandomPassword';

/** Length of a generated password. */
export const PASSWORD_LENGTH = 32;

/** Characters a password leaves out: those DocumentDB refuses in a password (/ @ ") and those a connection string or shell mangles. */
export const EXCLUDED_PASSWORD_CHARACTERS = ' %+~`#$&*()|[]{}:;<>?!\'/@"\\';
