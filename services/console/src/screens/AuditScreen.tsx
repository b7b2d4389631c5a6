import { useInfiniteQuery } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import type { AuditAction, AuditRecord, Page } from '../api/types';
import { Loading, Screen } from '../components/Screen';
import { when } from '../components/StatusBadge';
import { useWorkspace } from '../workspace-context';

const ACTIONS: AuditAction[] = [
  'workflow.created', 'workflow.updated', 'workflow.deleted', 'run.queued', 'run.started', 'run.ended', 'run.cancel-requested',
  'approval.decided', 'credential.used', 'action.performed',
];
/** The most entries one CSV export reads. */
const EXPORT_LIMIT = 10_000;

interface Filter {
  readonly actor?: string;
  readonly action?: string;
  /** Local date-times from the inputs, sent as ISO instants. */
  readonly from?: string;
  readonly to?: string;
}

/** The audit log: who did what, when, filtered by user, action and time, exported as CSV. */
export default function AuditScreen() {
  const { api } = useWorkspace();
  const [filter, setFilter] = useState<Filter>({});
  const [exporting, setExporting] = useState<string>();
  const entries = useInfiniteQuery({
    queryKey: ['audit', filter],
    queryFn: ({ pageParam }) => api.get<Page<AuditRecord>>('/audit', { ...toQuery(filter), limit: 100, next: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next,
  });
  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (name: string) => String(form.get(name) ?? '').trim() || undefined;
    setFilter({ actor: value('actor'), action: value('action'), from: value('from'), to: value('to') });
  };
  const exportCsv = async () => {
    setExporting('Exporting…');
    try {
      const { items: rows, truncated } = await api.all<AuditRecord>('/audit', toQuery(filter), EXPORT_LIMIT);
      const url = URL.createObjectURL(new Blob([auditCsv(rows)], { type: 'text/csv' }));
      Object.assign(document.createElement('a'), { href: url, download: `audit-log-${new Date().toISOString().slice(0, 10)}.csv` }).click();
      URL.revokeObjectURL(url);
      setExporting(`Exported ${rows.length} entries${truncated ? ` (the first ${EXPORT_LIMIT}; narrow the filter for the rest)` : ''}.`);
    } catch (error) {
      setExporting(`Could not export: ${(error as Error).message}`);
    }
  };
  const rows = entries.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Screen title="Audit log" actions={<button type="button" onClick={() => void exportCsv()}>Export CSV</button>}>
      <form className="filters" onSubmit={apply} aria-label="Filter the audit log">
        <div className="field"><label htmlFor="audit-actor">User</label><input id="audit-actor" name="actor" type="text" placeholder="email" /></div>
        <div className="field"><label htmlFor="audit-action">Action</label>
          <select id="audit-action" name="action"><option value="">any</option>{ACTIONS.map((action) => <option key={action}>{action}</option>)}</select></div>
        <div className="field"><label htmlFor="audit-from">From</label><input id="audit-from" name="from" type="datetime-local" /></div>
        <div className="field"><label htmlFor="audit-to">To</label><input id="audit-to" name="to" type="datetime-local" /></div>
        <button type="submit">Apply filter</button>
      </form>
      {exporting && <p role="status">{exporting}</p>}
      {!entries.data ? <Loading error={entries.error} what="the audit log" /> : rows.length === 0 ? <p>No entries match.</p> : (
        <>
          <table className="audit">
            <thead><tr><th scope="col">When</th><th scope="col">User</th><th scope="col">Action</th><th scope="col">Target</th><th scope="col">Outcome</th><th scope="col">Detail</th></tr></thead>
            <tbody>{rows.map((entry) => (
              <tr key={entry.id}>
                <td>{when(entry.at)}</td><td>{entry.actor}</td><td>{entry.action}</td><td>{entry.target}</td><td>{entry.outcome}</td>
                <td>{entry.detail ? Object.entries(entry.detail).map(([key, value]) => `${key}: ${value}`).join(', ') : ''}</td>
              </tr>
            ))}</tbody>
          </table>
          {entries.hasNextPage && <button type="button" onClick={() => void entries.fetchNextPage()} disabled={entries.isFetchingNextPage}>Load more</button>}
        </>
      )}
      {entries.error && entries.data && <p role="alert" className="error">{entries.error.message}</p>}
    </Screen>
  );
}

function toQuery(filter: Filter): Record<string, string | undefined> {
  const instant = (local?: string) => (local ? new Date(local).toISOString() : undefined);
  return { actor: filter.actor, action: filter.action, from: instant(filter.from), to: instant(filter.to) };
}

/** RFC 4180 CSV: every field quoted, quotes doubled. */
export function auditCsv(entries: AuditRecord[]): string {
  const quote = (value: unknown) => `"${String(value ?? '').replace(/"/g, '""')}"`;
  const lines = entries.map((entry) => [entry.at, entry.actor, entry.action, entry.target, entry.outcome, entry.detail ? JSON.stringify(entry.detail) : ''].map(quote).join(','));
  return `${['at', 'actor', 'action', 'target', 'outcome', 'detail'].map(quote).join(',')}\r\n${lines.map((line) => `${line}\r\n`).join('')}`;
}
