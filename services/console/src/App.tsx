import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense, useMemo, useState } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { ApiError, WorkspaceApi } from './api/client';
import { Auth, CALLBACK_PATH, SessionExpiredError, SIGNED_OUT_PATH } from './auth/session';
import { SignInScreen } from './auth/SignInScreen';
import { SignInCallback } from './auth/SignInCallback';
import { Layout } from './components/Layout';
import type { ConsoleConfig } from './config';
import { BotsScreen } from './screens/BotsScreen';
import { WorkspaceContext } from './workspace-context';

// Every screen but the landing one loads when first opened, which keeps the first load small.
const BotEditorScreen = lazy(() => import('./screens/BotEditorScreen'));
const RunScreen = lazy(() => import('./screens/RunScreen'));
const ActivityScreen = lazy(() => import('./screens/ActivityScreen'));
const ApprovalsScreen = lazy(() => import('./screens/ApprovalsScreen'));
const AuditScreen = lazy(() => import('./screens/AuditScreen'));
const AboutScreen = lazy(() => import('./screens/AboutScreen'));

interface AppProps {
  readonly config: ConsoleConfig;
  readonly auth: Auth;
}

export function App({ config, auth }: AppProps) {
  return (
    <BrowserRouter>
      <Routes>
        <Route path={CALLBACK_PATH} element={<SignInCallback auth={auth} />} />
        <Route path={SIGNED_OUT_PATH} element={<SignInScreen config={config} auth={auth} reason="signed-out" />} />
        <Route path="*" element={<SignedIn config={config} auth={auth} />} />
      </Routes>
    </BrowserRouter>
  );
}

/** The console behind sign-in; an expired session shows the sign-in screen, which returns here afterwards. */
function SignedIn({ config, auth }: AppProps) {
  const [expired, setExpired] = useState(false);
  const session = expired ? undefined : auth.current();
  const location = useLocation();
  const navigate = useNavigate();
  const client = useMemo(() => {
    const onError = (error: Error) => { if (error instanceof SessionExpiredError) setExpired(true); };
    return new QueryClient({
      queryCache: new QueryCache({ onError }),
      mutationCache: new MutationCache({ onError }),
      defaultOptions: {
        queries: { retry: (count, error) => count < 2 && !(error instanceof SessionExpiredError) && !(error instanceof ApiError && error.status < 500), staleTime: 5_000 },
      },
    });
  }, []);
  const api = useMemo(() => new WorkspaceApi(config.apiUrl, auth), [config, auth]);
  if (!session) {
    return <SignInScreen config={config} auth={auth} reason={expired ? 'expired' : 'signed-out-before'} returnTo={`${location.pathname}${location.search}`} />;
  }
  return (
    <WorkspaceContext.Provider value={{ config, auth, api, session }}>
      <QueryClientProvider client={client}>
        <Layout onSignOut={() => auth.signOut()}>
          <Suspense fallback={<p role="status">Loading…</p>}>
            <Routes>
              <Route path="/" element={<Navigate to="/bots" replace />} />
              <Route path="/bots" element={<BotsScreen />} />
              <Route path="/bots/new" element={<BotEditorScreen key="new" />} />
              <Route path="/bots/:workflowId" element={<BotEditorScreen />} />
              <Route path="/bots/:workflowId/runs/:runId" element={<RunScreen />} />
              <Route path="/activity" element={<ActivityScreen />} />
              <Route path="/approvals" element={<ApprovalsScreen />} />
              <Route path="/audit" element={<AuditScreen />} />
              <Route path="/about" element={<AboutScreen />} />
              <Route path="*" element={<NotFound onHome={() => navigate('/bots')} />} />
            </Routes>
          </Suspense>
        </Layout>
      </QueryClientProvider>
    </WorkspaceContext.Provider>
  );
}

function NotFound({ onHome }: { onHome: () => void }) {
  return <section><h1>Page not found</h1><p>This address is not a screen of the console.</p><button type="button" onClick={onHome}>Go to Bots</button></section>;
}
