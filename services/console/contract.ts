/**
 * What the workspace template (and the local workspace) and the console agree on: `/config.json`,
 * which the stack writes into the console bucket beside the app at deploy time, so one build serves
 * every stack; and the paths the app client registers as callback and sign-out URLs.
 */
export interface ConsoleConfig {
  /** The workspace API's base URL (the stack's ApiUrl output), without a trailing slash. */
  readonly apiUrl: string;
  readonly region: string;
  /** The product version the stack runs. */
  readonly version: string;
  readonly signIn: {
    /** The managed login's base URL, e.g. https://<prefix>.auth.<region>.amazoncognito.com */
    readonly domain: string;
    readonly clientId: string;
    /** The single sign-on provider's name in the user pool, when IdentityProviderType is SAML or OIDC. @default - no SSO button */
    readonly identityProvider?: string;
  };
  /** The compliance report of this version, for the About screen. @default - no link */
  readonly complianceReportUrl?: string;
}

/** Where the managed login returns after sign-in, and after sign-out (relative to the console's URL). */
export const CALLBACK_PATH = '/signed-in';
export const SIGNED_OUT_PATH = '/signed-out';
