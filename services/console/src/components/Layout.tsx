import { ReactNode, useEffect, useRef } from 'react';
import { NavLink, useLocation } from 'react-router';
import { useWorkspace } from '../workspace-context';

const SCREENS = [
  { to: '/bots', label: 'Bots' },
  { to: '/activity', label: 'Activity' },
  { to: '/approvals', label: 'Approvals' },
  { to: '/audit', label: 'Audit log' },
  { to: '/about', label: 'About' },
];

/** The frame of every signed-in screen: a skip link, the navigation, the user and sign-out. */
export function Layout({ children, onSignOut }: { children: ReactNode; onSignOut: () => void }) {
  const { session } = useWorkspace();
  const main = useRef<HTMLElement>(null);
  const location = useLocation();
  // A screen change moves focus to the content, as a page load would for a screen reader.
  useEffect(() => { main.current?.focus({ preventScroll: true }); }, [location.pathname]);
  return (
    <>
      <a className="skip-link" href="#content">Skip to content</a>
      <header className="top-bar">
        <span className="product">Automation Workspace</span>
        <nav aria-label="Screens">
          <ul>
            {SCREENS.map((screen) => <li key={screen.to}><NavLink to={screen.to}>{screen.label}</NavLink></li>)}
          </ul>
        </nav>
        <span className="user" aria-label="Signed in as">{session.user.email}</span>
        <button type="button" onClick={onSignOut}>Sign out</button>
      </header>
      <main id="content" ref={main} tabIndex={-1}>{children}</main>
    </>
  );
}
