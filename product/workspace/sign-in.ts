import { Aws, CfnCondition, Duration, Fn, RemovalPolicy } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acceptNagFinding } from '../shared/policy-exceptions';
import { onlyIf } from './private/only-if';
import { uniqueName } from './private/stack-suffix';
import { CALLBACK_PATH, SIGNED_OUT_PATH } from '../../services/console/contract';
import { BOT_EXPORTS_PREFIX } from '../../services/api-handler/contract';

/** Prefix under which each signed-in user may read and write their own bot exports. */
export const USER_EXPORTS_PREFIX = BOT_EXPORTS_PREFIX;

/** Single sign-on through the buyer's SAML identity provider. */
export interface SamlSignIn {
  /** The https:// URL of the identity provider's SAML metadata (SamlMetadataUrl). */
  readonly metadataUrl: string;
  /** Holds when the buyer chose SAML (SamlSignInEnabled). */
  readonly condition: CfnCondition;
}

/** Single sign-on through the buyer's OpenID Connect identity provider. */
export interface OidcSignIn {
  /** The identity provider's issuer URL (OidcIssuerUrl). */
  readonly issuerUrl: string;
  /** The client ID registered for the workspace there (OidcClientId). */
  readonly clientId: string;
  /** That client's secret (OidcClientSecret). */
  readonly clientSecret: string;
  /** Holds when the buyer chose OIDC (OidcSignInEnabled). */
  readonly condition: CfnCondition;
}

/** The identity providers users may sign in through besides their workspace accounts. */
interface IdentityProviders {
  readonly saml: cognito.CfnUserPoolIdentityProvider;
  readonly oidc: cognito.CfnUserPoolIdentityProvider;
}

/** Props of {@link WorkspaceSignIn}. */
export interface WorkspaceSignInProps {
  readonly saml: SamlSignIn;
  readonly oidc: OidcSignIn;
  /** The bot import/export bucket, present under `backupBucketCondition`. */
  readonly backupBucket: s3.IBucket;
  /** The condition the import/export bucket exists under (BackupBucketEnabled). */
  readonly backupBucketCondition: CfnCondition;
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
    const providers = this.addIdentityProviders(props);
    const domain = new cognito.CfnUserPoolDomain(this, 'Domain', {
      userPoolId: this.userPool.userPoolId,
      domain: uniqueName('workspace-signin'),
      managedLoginVersion: 2,
    });
    this.signInOrigin = `https://${domain.domain}.auth.${Aws.REGION}.amazoncognito.com`;
    this.client = this.addClient(props, providers);
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

  private addIdentityProviders(props: WorkspaceSignInProps): IdentityProviders {
    const emailMapping = { email: 'email' };
    const saml = new cognito.CfnUserPoolIdentityProvider(this, 'SamlProvider', {
      userPoolId: this.userPool.userPoolId,
      providerName: 'SAML',
      providerType: 'SAML',
      providerDetails: { MetadataURL: props.saml.metadataUrl },
      attributeMapping: { email: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress' },
    });
    saml.cfnOptions.condition = props.saml.condition;
    const oidc = new cognito.CfnUserPoolIdentityProvider(this, 'OidcProvider', {
      userPoolId: this.userPool.userPoolId,
      providerName: 'OIDC',
      providerType: 'OIDC',
      providerDetails: {
        client_id: props.oidc.clientId,
        client_secret: props.oidc.clientSecret,
        attributes_request_method: 'GET',
        oidc_issuer: props.oidc.issuerUrl,
        authorize_scopes: 'openid email profile',
      },
      attributeMapping: emailMapping,
    });
    oidc.cfnOptions.condition = props.oidc.condition;
    return { saml, oidc };
  }

  private addClient(props: WorkspaceSignInProps, providers: IdentityProviders): cognito.CfnUserPoolClient {
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
      supportedIdentityProviders: Fn.conditionIf(props.saml.condition.logicalId,
        ['COGNITO', providers.saml.ref],
        Fn.conditionIf(props.oidc.condition.logicalId, ['COGNITO', providers.oidc.ref], ['COGNITO'])) as unknown as string[],
      allowedOAuthFlowsUserPoolClient: true,
      allowedOAuthFlows: ['code'],
      allowedOAuthScopes: ['openid', 'email', 'profile'],
      callbackUrLs: [`${props.consoleUrl}${CALLBACK_PATH}`],
      logoutUrLs: [`${props.consoleUrl}${SIGNED_OUT_PATH}`],
    });
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
    onlyIf(props.backupBucketCondition, exports);
    acceptNagFinding(exports, 'AwsSolutions-IAM5[Resource::<BackupBucket49765389.Arn>/exports/<cognito-identity.amazonaws.com:sub>/*]',
      'The wildcard is below the user\'s own identity ID: each signed-in user reaches only the objects of their own export folder.');
    new cognito.CfnIdentityPoolRoleAttachment(this, 'RoleAttachment', {
      identityPoolId: this.identityPool.ref,
      roles: { authenticated: role.roleArn },
    });
    return role;
  }
}
