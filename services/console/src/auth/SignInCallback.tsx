import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import type { Auth } from './session';

/** The managed login's callback: redeems the code, then goes where the user was going. */
export function SignInCallback({ auth }: { auth: Auth }) {
  const navigate = useNavigate();
  const [error, setError] = useState<string>();
  const started = useRef(false);
  useEffect(() => {
    // The code is single-use: StrictMode's second effect run must not redeem it again.
    if (started.current) return;
    started.current = true;
    auth.completeSignIn(new URL(window.location.href)).then(
      (returnTo) => navigate(returnTo, { replace: true }),
      (failure: Error) => setError(failure.message),
    );
  }, [auth, navigate]);
  return (
    <main className="centered">
      {error ? (
        <>
          <h1>Sign-in failed</h1>
          <p role="alert">{error}</p>
          <button type="button" className="primary" onClick={() => void auth.signIn('/bots')}>Sign in again</button>
        </>
      ) : <p role="status">Signing you in…</p>}
    </main>
  );
}
