import { ReactNode, useEffect } from 'react';

/** A screen's heading and document title (what a screen reader announces first). */
export function Screen({ title, actions, children }: { title: string; actions?: ReactNode; children: ReactNode }) {
  useEffect(() => { document.title = `${title} · Automation Workspace`; }, [title]);
  return (
    <section aria-labelledby="screen-title">
      <div className="screen-head">
        <h1 id="screen-title">{title}</h1>
        {actions && <div className="actions">{actions}</div>}
      </div>
      {children}
    </section>
  );
}

/** A request's state in words: loading, or its error. */
export function Loading({ error, what }: { error?: Error | null; what: string }) {
  if (error) return <p role="alert" className="error">Could not load {what}: {error.message}</p>;
  return <p role="status">Loading {what}…</p>;
}
