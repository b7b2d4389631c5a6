import { CfnParameter } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { LaunchWizard } from '../../shared/launch-wizard';
import { OPTIONAL_HTTPS_URL } from './formats';
import { WizardGroup } from './wizard-group';

/** The launch wizard's "Sign-in and single sign-on" group: the optional SAML or OIDC identity provider. */
export class SignInParameters {
  /** `IdentityProviderType`: `None`, `SAML` or `OIDC`. */
  readonly identityProviderType: CfnParameter;
  /** `SamlMetadataUrl`: only for SAML. */
  readonly samlMetadataUrl: CfnParameter;
  /** `OidcIssuerUrl`: only for OIDC. */
  readonly oidcIssuerUrl: CfnParameter;
  /** `OidcClientId`: only for OIDC. */
  readonly oidcClientId: CfnParameter;
  /** `OidcClientSecret` (never echoed): only for OIDC. */
  readonly oidcClientSecret: CfnParameter;

  constructor(scope: Construct, wizard: LaunchWizard) {
    const group = new WizardGroup(wizard, scope, 'Sign-in and single sign-on');
    this.identityProviderType = group.parameter('IdentityProviderType', {
      label: 'Single sign-on identity provider', type: 'String', default: 'None', allowedValues: ['None', 'SAML', 'OIDC'],
      description: 'None: users sign in with workspace accounts (email, password and MFA). SAML or OIDC: users may also sign in through your identity provider.',
    });
    this.samlMetadataUrl = group.parameter('SamlMetadataUrl', {
      label: 'SAML metadata document URL', type: 'String', default: '', ...OPTIONAL_HTTPS_URL,
      description: 'Only for SAML: the https:// URL of your identity provider\'s SAML metadata.',
    });
    this.oidcIssuerUrl = group.parameter('OidcIssuerUrl', {
      label: 'OIDC issuer URL', type: 'String', default: '', ...OPTIONAL_HTTPS_URL,
      description: 'Only for OIDC: the issuer URL of your identity provider.',
    });
    this.oidcClientId = group.parameter('OidcClientId', {
      label: 'OIDC client ID', type: 'String', default: '', allowedPattern: '^[\\w.:/@-]{0,255}$',
      constraintDescription: 'must be at most 255 letters, digits or . : / @ - _',
      description: 'Only for OIDC: the client ID registered for the workspace at your identity provider.',
    });
    this.oidcClientSecret = group.parameter('OidcClientSecret', {
      label: 'OIDC client secret', type: 'String', default: '', noEcho: true, allowedPattern: '^[\\x21-\\x7E]{0,255}$',
      constraintDescription: 'must be at most 255 printable characters without spaces',
      description: 'Only for OIDC: the client secret registered for the workspace at your identity provider.',
    });
  }
}
