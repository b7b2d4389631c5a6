import {
  AdminCreateUserCommand, AdminSetUserPasswordCommand, CognitoIdentityProviderClient, CreateUserPoolClientCommand,
  CreateUserPoolCommand, InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { LOCAL_CREDENTIALS, LocalAws } from '../local-aws/moto-server';
import { REGION } from './local-workspace';

/** A user pool with one demo user, as the workspace's sign-in would have after the buyer adds a user. */
export interface DemoSignIn {
  readonly userPoolId: string;
  readonly clientId: string;
  readonly username: string;
  readonly password: string;
  /** The pool's signing keys, for the API's token check. */
  readonly jwks: { keys: unknown[] };
  /** Signs the demo user in (USER_PASSWORD_AUTH) and returns the ID token the API accepts. */
  idToken(): Promise<string>;
}

/** Creates the pool, its app client and the demo user in moto's Cognito. */
export async function createDemoSignIn(aws: LocalAws, username = 'engineer@example.org', password = 'Local-Workspace-2026!'): Promise<DemoSignIn> {
  const cognito = new CognitoIdentityProviderClient({ region: REGION, endpoint: aws.endpoint, credentials: LOCAL_CREDENTIALS });
  const { UserPool } = await cognito.send(new CreateUserPoolCommand({ PoolName: 'workspace-users', UsernameAttributes: ['email'] }));
  const userPoolId = UserPool!.Id!;
  const { UserPoolClient } = await cognito.send(new CreateUserPoolClientCommand({
    UserPoolId: userPoolId, ClientName: 'workspace-console', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
  }));
  const clientId = UserPoolClient!.ClientId!;
  await cognito.send(new AdminCreateUserCommand({ UserPoolId: userPoolId, Username: username, UserAttributes: [{ Name: 'email', Value: username }, { Name: 'email_verified', Value: 'true' }], MessageAction: 'SUPPRESS' }));
  await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: userPoolId, Username: username, Password: password, Permanent: true }));
  const response = await fetch(`${aws.endpoint}/${userPoolId}/.well-known/jwks.json`);
  if (!response.ok) throw new Error(`moto served no JWKS for ${userPoolId}: ${response.status}`);
  const jwks = await response.json() as { keys: unknown[] };
  return {
    userPoolId, clientId, username, password, jwks,
    async idToken() {
      const { AuthenticationResult } = await cognito.send(new InitiateAuthCommand({
        ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD: password },
      }));
      if (!AuthenticationResult?.IdToken) throw new Error('the demo user could not sign in');
      return AuthenticationResult.IdToken;
    },
  };
}
