import { createContext, useContext } from 'react';
import type { WorkspaceApi } from './api/client';
import type { Auth, Session } from './auth/session';
import type { ConsoleConfig } from './config';

/** What every screen reaches: the configuration, the API, and the signed-in session. */
export interface Workspace {
  readonly config: ConsoleConfig;
  readonly auth: Auth;
  readonly api: WorkspaceApi;
  readonly session: Session;
}

export const WorkspaceContext = createContext<Workspace | undefined>(undefined);

export function useWorkspace(): Workspace {
  const workspace = useContext(WorkspaceContext);
  if (!workspace) throw new Error('useWorkspace outside the signed-in console');
  return workspace;
}
