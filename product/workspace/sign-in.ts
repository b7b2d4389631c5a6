import { Aws, Duration, Fn, RemovalPolicy } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { WorkspaceParameters } from './parameters';
import { acceptLintFindings, acceptNagFinding } from '../shared/policy-exceptions';
import { onlyIf } from './private/only-if';
import { uniqueName } from './private/stack-suffix';
import { CALLBACK_PATH, SIGNED_OUT_PATH } from '../../services/console/contract';
import { BOT_EXPORTS_PREFIX } from '../../services/api-handler/contract';

/** Prefix under which each signed-in user may read and write their own bot exports. */
export const USER_EXPORTS_PREFIX = BOT_EXPORTS_PREFIX;

/** Why cfn-lint may not check WorkspaceUrl's default against the sign-in URLs. */
export const WORKSPACE_URL_LINT_REASON = 'WorkspaceUrl is used only under the WorkspaceUrlSet condition (it is '
  + 'not empty); otherwise the URLs are the console distribution\'s. cfn-lint checks the empty default.';

/** Props of {@link WorkspaceSignIn}. */
export interface WorkspaceSignInProps {
  readonly parameters: WorkspaceParameters;
  /** The bot import/export bucket, present when the backup bucket condition holds. */
  readonly backupBucket: s3.IBucket;
  /** The key the import/export bucket is encrypted with. */
  readonly backupKey: kms.IKey;
  /** The web console's address (no trailing slash): the managed login returns there after sign-in and sign-out. */
  readonly consoleUrl: string;
}

/**
 * Sign-in (seed guide, "Cognito"): a user pool with email sign-in, required TOTP MFA, a strong password
 * policy and no self sign-up; optional SAML or OIDC single sign-on; the managed login, through which the
 * web console's client signs in with the authorization code flow and PKCE; and an identity pool
 * whose signed-in role may only read and write the user's own folder in the import/export bucket.
 */
export class WorkspaceSignIn extends Construct {
  readonly userPool: cognito.UserPool;
  readonly client: cognito.CfnUserPoolClient;
  readonly identityPool: cognito.CfnIdentityPool;
  readonly authenticatedRole: iam.Role;
  /** The managed login's origin: `https://<prefix>.auth.<region>.amazoncognito.com`. */
  readonly signInOrigin: string;

  constructor(scope: Construct, id: string, props: WorkspaceSignInProps) {
    super(scope, id);
    const { parameters } = props;
    this.userPool = new cognito.UserPool(this, 'UserPool', {
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      selfSignUpEnabled: false,
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 14, requireLowercase: true, requireUppercase: true, requireDigits: true, requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      featurePlan: cognito.FeaturePlan.ESSENTIALS,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acceptNagFinding(this.userPool, 'AwsSolutions-COG8',
      'The Plus feature plan (threat protection) is billed per monthly active user; the buyer can switch the pool to it. Sign-in already requires MFA and 14-character passwords, and there is no self sign-up.');
    const providers = this.addIdentityProviders(parameters);
    const domain = new cognito.CfnUserPoolDomain(this, 'Domain', {
      userPoolId: this.userPool.userPoolId,
      domain: uniqueName('workspace-signin'),
      managedLoginVersion: 2,
    });
    this.signInOrigin = `https://${domain.domain}.auth.${Aws.REGION}.amazoncognito.com`;
    this.client = this.addClient(parameters, providers, props.consoleUrl);
    // A style, even Cognito's own, is what turns the managed login pages on for the client.
    new cognito.CfnManagedLoginBranding(this, 'LoginStyle', {
      userPoolId: this.userPool.userPoolId, clientId: this.client.ref, useCognitoProvidedValues: true,
    }).addResourceDependency(domain);
    this.identityPool = new cognito.CfnIdentityPool(this, 'IdentityPool', {
      allowUnauthenticatedIdentities: false,
      cognitoIdentityProviders: [{
        clientId: this.client.ref,
        providerName: this.userPool.userPoolProviderName,
        serverSideTokenCheck: true,
      }],
    });
    this.authenticatedRole = this.addAuthenticatedRole(props);
  }

  private addIdentityProviders(parameters: WorkspaceParameters): { saml: cognito.CfnUserPoolIdentityProvider; oidc: cognito.CfnUserPoolIdentityProvider } {
    const emailMapping = { email: 'email' };
    const saml = new cognito.CfnUserPoolIdentityProvider(this, 'SamlProvider', {
      userPoolId: this.userPool.userPoolId,
      providerName: 'SAML',
      providerType: 'SAML',
      providerDetails: { MetadataURL: parameters.samlMetadataUrl.valueAsString },
      attributeMapping: { email: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress' },
    });
    saml.cfnOptions.condition = parameters.samlEnabled;
    const oidc = new cognito.CfnUserPoolIdentityProvider(this, 'OidcProvider', {
      userPoolId: this.userPool.userPoolId,
      providerName: 'OIDC',
      providerType: 'OIDC',
      providerDetails: {
        client_id: parameters.oidcClientId.valueAsString,
        client_secret: parameters.oidcClientSecret.valueAsString,
        attributes_request_method: 'GET',
        oidc_issuer: parameters.oidcIssuerUrl.valueAsString,
        authorize_scopes: 'openid email profile',
      },
      attributeMapping: emailMapping,
    });
    oidc.cfnOptions.condition = parameters.oidcEnabled;
    return { saml, oidc };
  }

  private addClient(parameters: WorkspaceParameters, providers: { saml: cognito.CfnUserPoolIdentityProvider; oidc: cognito.CfnUserPoolIdentityProvider }, consoleUrl: string): cognito.CfnUserPoolClient {
    const client = new cognito.CfnUserPoolClient(this, 'WebClient', {
      userPoolId: this.userPool.userPoolId,
      clientName: 'workspace-web',
      generateSecret: false,
      explicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      preventUserExistenceErrors: 'ENABLED',
      enableTokenRevocation: true,
      accessTokenValidity: 60,
      idTokenValidity: 60,
      refreshTokenValidity: 12,
      tokenValidityUnits: { accessToken: 'minutes', idToken: 'minutes', refreshToken: 'hours' },
      supportedIdentityProviders: Fn.conditionIf(parameters.samlEnabled.logicalId,
        ['COGNITO', providers.saml.ref],
        Fn.conditionIf(parameters.oidcEnabled.logicalId, ['COGNITO', providers.oidc.ref], ['COGNITO'])) as unknown as string[],
      allowedOAuthFlowsUserPoolClient: true,
      allowedOAuthFlows: ['code'],
      allowedOAuthScopes: ['openid', 'email', 'profile'],
      callbackUrLs: [`${consoleUrl}${CALLBACK_PATH}`],
      logoutUrLs: [`${consoleUrl}${SIGNED_OUT_PATH}`],
    });
    acceptLintFindings(client, ['W1030', 'W1033'], WORKSPACE_URL_LINT_REASON);
    return client;
  }

  private addAuthenticatedRole(props: WorkspaceSignInProps): iam.Role {
    const role = new iam.Role(this, 'AuthenticatedRole', {
      description: 'Signed-in workspace users: their own folder of the import/export bucket, nothing else.',
      assumedBy: new iam.FederatedPrincipal('cognito-identity.amazonaws.com', {
        StringEquals: { 'cognito-identity.amazonaws.com:aud': this.identityPool.ref },
        'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' },
      }, 'sts:AssumeRoleWithWebIdentity'),
    });
    const ownFolder = `${USER_EXPORTS_PREFIX}/\${cognito-identity.amazonaws.com:sub}`;
    const exports = new iam.Policy(this, 'OwnExportsPolicy', {
      roles: [role],
      statements: [
        new iam.PolicyStatement({
          actions: ['s3:GetObject', 's3:PutObject'],
          resources: [props.backupBucket.arnForObjects(`${ownFolder}/*`)],
        }),
        new iam.PolicyStatement({
          actions: ['s3:ListBucket'],
          resources: [props.backupBucket.bucketArn],
          conditions: { StringLike: { 's3:prefix': [`${ownFolder}/*`] } },
        }),
        new iam.PolicyStatement({
          actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
          resources: [props.backupKey.keyArn],
          conditions: { StringEquals: { 'kms:ViaService': `s3.${Aws.REGION}.amazonaws.com` } },
        }),
      ],
    });
    onlyIf(props.parameters.backupBucketEnabled, exports);
    acceptNagFinding(exports, 'AwsSolutions-IAM5[Resource::<BackupBucket49765389.Arn>/exports/<cognito-identity.amazonaws.com:sub>/*]',
      'The wildcard is below the user\'s own identity ID: each signed-in user reaches only the objects of their own export folder.');
    new cognito.CfnIdentityPoolRoleAttachment(this, 'RoleAttachment', {
      identityPoolId: this.identityPool.ref,
      roles: { authenticated: role.roleArn },
    });
    return role;
  }
}
