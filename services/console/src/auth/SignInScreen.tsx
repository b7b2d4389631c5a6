import { useEffect, useRef } from 'react';
import type { ConsoleConfig } from '../config';
import type { Auth } from './session';

interface SignInScreenProps {
  readonly config: ConsoleConfig;
  readonly auth: Auth;
  /** Why the user sees it: not signed in yet, signed out, or the session expired. */
  readonly reason: 'signed-out-before' | 'signed-out' | 'expired';
  /** Where the console returns after sign-in. @default '/bots' */
  readonly returnTo?: string;
}

const MESSAGES = {
  'signed-out-before': 'Sign in with your workspace account to manage your bots.',
  'signed-out': 'You have signed out.',
  expired: 'Your session has expired. Sign in again to return to the screen you were on.',
};

/** The door to the managed login: a sign-in button, and a single sign-on one when the stack has an identity provider. */
export function SignInScreen({ config, auth, reason, returnTo = '/bots' }: SignInScreenProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = 'Sign in · Automation Workspace';
    heading.current?.focus();
  }, []);
  return (
    <main className="centered sign-in">
      <h1 ref={heading} tabIndex={-1}>Automation Workspace</h1>
      <p role={reason === 'expired' ? 'alert' : undefined}>{MESSAGES[reason]}</p>
      <div className="actions">
        <button type="button" className="primary" onClick={() => void auth.signIn(returnTo)}>Sign in</button>
        {config.signIn.identityProvider && (
          <button type="button" onClick={() => void auth.signIn(returnTo, true)}>Sign in with single sign-on</button>
        )}
      </div>
    </main>
  );
}
