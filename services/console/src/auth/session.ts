import type { ConsoleConfig } from '../config';
import { CALLBACK_PATH, SIGNED_OUT_PATH } from '../../contract';
import { pkcePair, randomState } from './pkce';

/** The signed-in user's tokens, kept in sessionStorage so a reload keeps the session and a closed tab ends it. */
export interface Session {
  readonly idToken: string;
  readonly accessToken: string;
  readonly refreshToken: string;
  /** When the ID token expires (epoch ms). */
  readonly expiresAt: number;
  readonly user: { readonly email: string; readonly name?: string };
}

/** The session ended (its refresh token expired or was revoked): the user signs in again. */
export class SessionExpiredError extends Error {
  constructor() {
    super('Your session has expired. Sign in again to continue where you were.');
  }
}

const SESSION_KEY = 'workspace.session';
const PENDING_KEY = 'workspace.sign-in';
/** Refresh this long before the ID token expires, so a request never carries an expiring token. */
const REFRESH_MARGIN_MS = 60_000;

export { CALLBACK_PATH, SIGNED_OUT_PATH };

/**
 * Sign-in with Cognito's managed login: the authorization-code flow with PKCE (no client secret in the
 * browser), token refresh before expiry, and sign-out through the managed login's `/logout`.
 */
export class Auth {
  private refreshing?: Promise<Session>;

  constructor(private readonly config: ConsoleConfig, private readonly storage: Storage = sessionStorage, private readonly location: Location = window.location) {}

  current(): Session | undefined {
    const stored = this.storage.getItem(SESSION_KEY);
    return stored ? JSON.parse(stored) as Session : undefined;
  }

  /** Goes to the managed login; after sign-in the console returns to `returnTo`. */
  async signIn(returnTo: string, singleSignOn = false): Promise<void> {
    const { verifier, challenge } = await pkcePair();
    const state = randomState();
    this.storage.setItem(PENDING_KEY, JSON.stringify({ verifier, state, returnTo }));
    const url = new URL('/oauth2/authorize', this.config.signIn.domain);
    url.search = new URLSearchParams({
      response_type: 'code', client_id: this.config.signIn.clientId, redirect_uri: this.redirectUri(),
      scope: 'openid email profile', state, code_challenge: challenge, code_challenge_method: 'S256',
      ...(singleSignOn && this.config.signIn.identityProvider ? { identity_provider: this.config.signIn.identityProvider } : {}),
    }).toString();
    this.location.assign(url.toString());
  }

  /** Redeems the callback's code; returns where the user was going. */
  async completeSignIn(callback: URL): Promise<string> {
    const pending = JSON.parse(this.storage.getItem(PENDING_KEY) ?? 'null') as { verifier: string; state: string; returnTo: string } | null;
    this.storage.removeItem(PENDING_KEY);
    const error = callback.searchParams.get('error');
    if (error) throw new Error(`Sign-in was refused: ${callback.searchParams.get('error_description') ?? error}`);
    if (!pending || pending.state !== callback.searchParams.get('state')) throw new Error('This sign-in did not start in this browser tab; sign in again.');
    const tokens = await this.tokenRequest({
      grant_type: 'authorization_code', client_id: this.config.signIn.clientId, code: callback.searchParams.get('code') ?? '',
      redirect_uri: this.redirectUri(), code_verifier: pending.verifier,
    });
    this.store(tokens.id_token, tokens.access_token, tokens.refresh_token!, tokens.expires_in);
    return pending.returnTo;
  }

  /** A current ID token, refreshed first when it is about to expire. */
  async idToken(): Promise<string> {
    const session = this.current();
    if (!session) throw new SessionExpiredError();
    if (session.expiresAt - REFRESH_MARGIN_MS > Date.now()) return session.idToken;
    return (await this.refresh()).idToken;
  }

  /** Exchanges the refresh token for new tokens; one refresh at a time however many requests wait on it. */
  refresh(): Promise<Session> {
    this.refreshing ??= this.refreshOnce().finally(() => { this.refreshing = undefined; });
    return this.refreshing;
  }

  /** Ends the session here and at the managed login. */
  signOut(): void {
    this.storage.removeItem(SESSION_KEY);
    const url = new URL('/logout', this.config.signIn.domain);
    url.search = new URLSearchParams({ client_id: this.config.signIn.clientId, logout_uri: `${this.location.origin}${SIGNED_OUT_PATH}` }).toString();
    this.location.assign(url.toString());
  }

  /** Forgets the session without leaving the page (it expired). */
  forget(): void {
    this.storage.removeItem(SESSION_KEY);
  }

  private async refreshOnce(): Promise<Session> {
    const session = this.current();
    if (!session) throw new SessionExpiredError();
    try {
      const tokens = await this.tokenRequest({ grant_type: 'refresh_token', client_id: this.config.signIn.clientId, refresh_token: session.refreshToken });
      return this.store(tokens.id_token, tokens.access_token, session.refreshToken, tokens.expires_in);
    } catch {
      this.forget();
      throw new SessionExpiredError();
    }
  }

  private async tokenRequest(form: Record<string, string>): Promise<{ id_token: string; access_token: string; refresh_token?: string; expires_in: number }> {
    const response = await fetch(new URL('/oauth2/token', this.config.signIn.domain), {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form),
    });
    const body = await response.json().catch(() => ({})) as { error?: string; id_token?: string };
    if (!response.ok || !body.id_token) throw new Error(`the managed login refused the token request: ${body.error ?? response.status}`);
    return body as never;
  }

  private store(idToken: string, accessToken: string, refreshToken: string, expiresIn: number): Session {
    const claims = JSON.parse(atob(idToken.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))) as { email?: string; name?: string; 'cognito:username'?: string };
    const session: Session = {
      idToken, accessToken, refreshToken, expiresAt: Date.now() + expiresIn * 1000,
      user: { email: claims.email ?? claims['cognito:username'] ?? 'signed in', name: claims.name },
    };
    this.storage.setItem(SESSION_KEY, JSON.stringify(session));
    return session;
  }

  private redirectUri(): string {
    return `${this.location.origin}${CALLBACK_PATH}`;
  }
}
