import { CognitoIdentityProviderClient, InitiateAuthCommand, NotAuthorizedException } from '@aws-sdk/client-cognito-identity-provider';
import { createHash, randomBytes } from 'node:crypto';
import { HttpStandIn, ReceivedRequest, startHttpStandIn, StandInAnswer } from './http-stand-in';

/** Options of {@link startManagedLoginStandIn}. */
export interface ManagedLoginOptions {
  /** moto's Cognito, which checks the passwords and issues (and refreshes) the tokens. */
  readonly cognito: CognitoIdentityProviderClient;
  readonly clientId: string;
  /** The app client's allowed callback and sign-out URLs, as the template sets them. */
  readonly callbackUrls: readonly string[];
  readonly logoutUrls: readonly string[];
  /** The origin the console runs on; the token endpoint answers its CORS requests, as Cognito's does. */
  readonly consoleOrigin: string;
}

interface IssuedCode {
  readonly tokens: { id_token: string; access_token: string; refresh_token: string; expires_in: number };
  readonly challenge: string;
  readonly redirectUri: string;
}

/**
 * Cognito's managed login on loopback, for the authorization-code flow with PKCE the console uses
 * (moto has the user pool API but not these hosted endpoints): `/oauth2/authorize` shows the sign-in
 * form, `/login` checks the password with moto (USER_PASSWORD_AUTH) and redirects with a one-use code,
 * `/oauth2/token` redeems it against the S256 code verifier or refreshes tokens, `/logout` redirects
 * to an allowed sign-out URL. Errors are answered as Cognito answers them (`invalid_grant`, ...).
 */
export function startManagedLoginStandIn(options: ManagedLoginOptions): Promise<HttpStandIn> {
  const codes = new Map<string, IssuedCode>();
  return startHttpStandIn((request) => {
    if (request.method === 'GET' && request.path === '/oauth2/authorize') return authorize(request, options);
    if (request.method === 'POST' && request.path === '/login') return login(request, options, codes);
    if (request.method === 'OPTIONS' && request.path === '/oauth2/token') return { status: 204, headers: cors(options) };
    if (request.method === 'POST' && request.path === '/oauth2/token') return token(request, options, codes);
    if (request.method === 'GET' && request.path === '/logout') return logout(request, options);
    return { status: 404, body: { error: 'not_found' } };
  });
}

function authorize(request: ReceivedRequest, options: ManagedLoginOptions): StandInAnswer {
  const query = request.query;
  const problem = query.get('client_id') !== options.clientId ? 'client_id is not this user pool\'s app client'
    : query.get('response_type') !== 'code' ? 'response_type must be code'
      : !options.callbackUrls.includes(query.get('redirect_uri') ?? '') ? 'redirect_uri is not one of the app client\'s callback URLs'
        : query.get('code_challenge_method') !== 'S256' || !query.get('code_challenge') ? 'PKCE needs code_challenge with code_challenge_method S256'
          : query.get('identity_provider') ? 'no identity provider is set up in the local workspace; sign in with the demo user' : undefined;
  if (problem) return page(400, `<h1>Sign-in request refused</h1><p role="alert">${escape(problem)}</p>`);
  return page(200, loginForm(query));
}

async function login(request: ReceivedRequest, options: ManagedLoginOptions, codes: Map<string, IssuedCode>): Promise<StandInAnswer> {
  const form = new URLSearchParams(request.body);
  try {
    const { AuthenticationResult: result } = await options.cognito.send(new InitiateAuthCommand({
      ClientId: options.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: form.get('username') ?? '', PASSWORD: form.get('password') ?? '' },
    }));
    const code = randomBytes(24).toString('base64url');
    codes.set(code, {
      tokens: { id_token: result!.IdToken!, access_token: result!.AccessToken!, refresh_token: result!.RefreshToken!, expires_in: result!.ExpiresIn ?? 3600 },
      challenge: form.get('code_challenge') ?? '', redirectUri: form.get('redirect_uri') ?? '',
    });
    const target = new URL(form.get('redirect_uri')!);
    target.searchParams.set('code', code);
    if (form.get('state')) target.searchParams.set('state', form.get('state')!);
    return { status: 302, headers: { location: target.toString() }, body: '' };
  } catch (error) {
    if (!(error instanceof NotAuthorizedException) && (error as Error).name !== 'UserNotFoundException') throw error;
    return page(401, loginForm(form, 'Incorrect username or password.'));
  }
}

async function token(request: ReceivedRequest, options: ManagedLoginOptions, codes: Map<string, IssuedCode>): Promise<StandInAnswer> {
  const form = new URLSearchParams(request.body);
  const refuse = (error: string) => ({ status: 400, headers: cors(options), body: { error } });
  if (form.get('client_id') !== options.clientId) return refuse('invalid_client');
  if (form.get('grant_type') === 'authorization_code') {
    const issued = codes.get(form.get('code') ?? '');
    codes.delete(form.get('code') ?? '');
    const verifier = form.get('code_verifier') ?? '';
    if (!issued || issued.redirectUri !== form.get('redirect_uri') || createHash('sha256').update(verifier).digest('base64url') !== issued.challenge) return refuse('invalid_grant');
    return { headers: cors(options), body: { ...issued.tokens, token_type: 'Bearer' } };
  }
  if (form.get('grant_type') === 'refresh_token') {
    try {
      const { AuthenticationResult: result } = await options.cognito.send(new InitiateAuthCommand({
        ClientId: options.clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: form.get('refresh_token') ?? '' },
      }));
      return { headers: cors(options), body: { id_token: result!.IdToken, access_token: result!.AccessToken, expires_in: result!.ExpiresIn ?? 3600, token_type: 'Bearer' } };
    } catch {
      return refuse('invalid_grant');
    }
  }
  return refuse('unsupported_grant_type');
}

function logout(request: ReceivedRequest, options: ManagedLoginOptions): StandInAnswer {
  const target = request.query.get('logout_uri') ?? '';
  if (request.query.get('client_id') !== options.clientId || !options.logoutUrls.includes(target)) {
    return page(400, '<h1>Sign-out request refused</h1><p role="alert">logout_uri is not one of the app client\'s sign-out URLs</p>');
  }
  return { status: 302, headers: { location: target }, body: '' };
}

function cors(options: ManagedLoginOptions): Record<string, string> {
  return { 'access-control-allow-origin': options.consoleOrigin, 'access-control-allow-methods': 'POST', 'access-control-allow-headers': 'Content-Type' };
}

const FORWARDED = ['client_id', 'redirect_uri', 'state', 'code_challenge', 'code_challenge_method', 'scope'];

function loginForm(parameters: URLSearchParams, error?: string): string {
  const hidden = FORWARDED.map((name) => `<input type="hidden" name="${name}" value="${escape(parameters.get(name) ?? '')}">`).join('');
  return `<main><h1>Sign in to the workspace</h1>${error ? `<p role="alert">${escape(error)}</p>` : ''}
<form method="post" action="/login">${hidden}
<label for="username">Email</label><input id="username" name="username" type="email" autocomplete="username" required autofocus>
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Sign in</button></form></main>`;
}

function page(status: number, body: string): StandInAnswer {
  return {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign in</title><style>body{font-family:system-ui,sans-serif;display:grid;place-items:center;min-height:90vh}form{display:grid;gap:.5rem;min-width:18rem}button{padding:.5rem}</style></head><body>${body}</body></html>`,
  };
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
