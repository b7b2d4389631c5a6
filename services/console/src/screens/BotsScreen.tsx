import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useDeferredValue, useMemo, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { BotExport, Workflow, WorkflowWithSteps } from '../api/types';
import { BucketExports } from '../bots/BucketExports';
import { botFileName, downloadJson, readBotFile } from '../bots/bot-files';
import { BOT_TEMPLATES } from '../bots/bot-templates';
import { portableBot } from '../../../workspace-data/portable-bot';
import { useAllBots } from '../bots/use-all-bots';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { Loading, Screen } from '../components/Screen';
import { when } from '../components/StatusBadge';
import { useWorkspace } from '../workspace-context';

const ROW_HEIGHT = 48;

/** Bots: every workflow of the workspace, searchable, with create, duplicate, delete, import and export. */
export function BotsScreen() {
  const { api } = useWorkspace();
  const navigate = useNavigate();
  const queries = useQueryClient();
  const bots = useAllBots();
  const [search, setSearch] = useState('');
  const [deleting, setDeleting] = useState<Workflow>();
  const [notice, setNotice] = useState<{ kind: 'status' | 'alert'; text: string }>();
  const deferredSearch = useDeferredValue(search);
  const shown = useMemo(() => filterBots(bots.data ?? [], deferredSearch), [bots.data, deferredSearch]);
  const refresh = () => queries.invalidateQueries({ queryKey: ['workflows'] });

  const duplicate = useMutation({
    mutationFn: async (bot: Workflow) => {
      const original = await api.get<WorkflowWithSteps>(`/workflows/${bot.workflowId}`);
      return api.post<Workflow>('/workflows', { ...portableBot(original), name: `${original.name} (copy)`.slice(0, 200) });
    },
    onSuccess: (copy) => { setNotice({ kind: 'status', text: `Created ${copy.name}.` }); void refresh(); },
    onError: (error) => setNotice({ kind: 'alert', text: `Could not duplicate: ${error.message}` }),
  });
  const remove = useMutation({
    mutationFn: (bot: Workflow) => api.delete(`/workflows/${bot.workflowId}`),
    onSuccess: (_, bot) => { setNotice({ kind: 'status', text: `Deleted ${bot.name}.` }); void refresh(); },
    onError: (error) => setNotice({ kind: 'alert', text: `Could not delete: ${error.message}` }),
  });
  // The import/export bucket is optional (EnableBackupBucket): without it the API answers 404 and only files remain.
  const bucket = useQuery({ queryKey: ['exports'], queryFn: () => api.get<{ items: BotExport[] }>('/exports'), retry: false });
  const saveToBucket = useMutation({
    mutationFn: (bot: Workflow) => api.post<BotExport>('/exports', { workflowId: bot.workflowId }),
    onSuccess: (saved, bot) => { setNotice({ kind: 'status', text: `Saved ${bot.name} to the bucket as ${saved.name}.` }); void queries.invalidateQueries({ queryKey: ['exports'] }); },
    onError: (error) => setNotice({ kind: 'alert', text: `Could not save to the bucket: ${error.message}` }),
  });
  const importFromBucket = useMutation({
    mutationFn: (saved: BotExport) => api.post<{ created: { name: string }[] }>('/imports', { key: saved.key }),
    onSuccess: ({ created }) => { setNotice({ kind: 'status', text: `Imported ${created.length === 1 ? created[0].name : `${created.length} bots`}.` }); void refresh(); },
    onError: (error, saved) => setNotice({ kind: 'alert', text: `Could not import ${saved.name}: ${error.message}` }),
  });
  const exportBot = async (bot: Workflow) => {
    const full = await api.get<WorkflowWithSteps>(`/workflows/${bot.workflowId}`);
    downloadJson(botFileName(full.name), portableBot(full));
  };
  const importFile = async (file: File) => {
    try {
      const imported = await readBotFile(file);
      for (const bot of imported) await api.post('/workflows', bot);
      setNotice({ kind: 'status', text: `Imported ${imported.length === 1 ? imported[0].name : `${imported.length} bots`}.` });
      void refresh();
    } catch (error) {
      setNotice({ kind: 'alert', text: `Could not import ${file.name}: ${(error as Error).message}` });
    }
  };

  return (
    <Screen
      title="Bots"
      actions={<>
        <Link className="button primary" to="/bots/new">New bot</Link>
        <label className="button">Import<input type="file" accept="application/json,.json" className="visually-hidden" onChange={(event) => { const file = event.target.files?.[0]; event.target.value = ''; if (file) void importFile(file); }} /></label>
      </>}
    >
      <details className="templates">
        <summary>New from template</summary>
        <ul>
          {BOT_TEMPLATES.map((template) => (
            <li key={template.id}>
              <button type="button" onClick={() => navigate(`/bots/new?template=${template.id}`)}>{template.title}</button>
              <span>{template.summary}</span>
            </li>
          ))}
        </ul>
      </details>
      <div className="toolbar">
        <label htmlFor="bot-search">Search bots</label>
        <input id="bot-search" type="search" value={search} onChange={(event) => setSearch(event.target.value)} placeholder="Name, description or schedule" />
        <span role="status">{bots.data ? `${shown.length} of ${bots.data.length} bots${bots.complete ? '' : ', loading more…'}` : ''}</span>
      </div>
      {notice && <p role={notice.kind} className={notice.kind === 'alert' ? 'error' : 'notice'}>{notice.text}</p>}
      {bots.data ? (
        <BotTable bots={shown} onDuplicate={(bot) => duplicate.mutate(bot)} onDelete={setDeleting} onExport={(bot) => void exportBot(bot)}
          onSaveToBucket={bucket.isSuccess ? (bot) => saveToBucket.mutate(bot) : undefined} />
      ) : <Loading error={bots.error} what="bots" />}
      {bots.data?.length === 0 && <p>No bots yet. Start from a template, import a bot file, or create one.</p>}
      {bucket.data && <BucketExports exports={bucket.data.items} onImport={(saved) => importFromBucket.mutate(saved)} />}
      {deleting && (
        <ConfirmDialog
          title={`Delete ${deleting.name}?`}
          message="The bot stops running and leaves this list. Its runs and its audit entries stay."
          confirmLabel="Delete bot"
          onCancel={() => setDeleting(undefined)}
          onConfirm={() => { remove.mutate(deleting); setDeleting(undefined); }}
        />
      )}
    </Screen>
  );
}

/** The bots whose name, description or schedule contain every word of the search. */
export function filterBots(bots: Workflow[], search: string): Workflow[] {
  const words = search.toLowerCase().split(/\s+/).filter(Boolean);
  const sorted = [...bots].sort((a, b) => a.name.localeCompare(b.name));
  if (!words.length) return sorted;
  return sorted.filter((bot) => {
    const text = `${bot.name} ${bot.description ?? ''} ${bot.schedule ?? ''}`.toLowerCase();
    return words.every((word) => text.includes(word));
  });
}

interface BotTableProps {
  readonly bots: Workflow[];
  readonly onDuplicate: (bot: Workflow) => void;
  readonly onDelete: (bot: Workflow) => void;
  readonly onExport: (bot: Workflow) => void;
  /** Saves the bot to the import/export bucket. @default - no button (the stack has no bucket) */
  readonly onSaveToBucket?: (bot: Workflow) => void;
}

/** The list as a table whose rows outside the viewport are not rendered, so a thousand bots scroll as smoothly as ten. */
function BotTable({ bots, onDuplicate, onDelete, onExport, onSaveToBucket }: BotTableProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const rows = useVirtualizer({ count: bots.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 8 });
  const items = rows.getVirtualItems();
  const before = items[0]?.start ?? 0;
  const after = rows.getTotalSize() - (items.at(-1)?.end ?? 0);
  return (
    <div className="table-scroller" ref={scroller} tabIndex={-1}>
      <table className="bots" aria-rowcount={bots.length + 1}>
        <thead>
          <tr aria-rowindex={1}><th scope="col">Name</th><th scope="col">Schedule</th><th scope="col">Steps</th><th scope="col">Version</th><th scope="col">Updated</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr>
        </thead>
        <tbody>
          {before > 0 && <tr aria-hidden="true" style={{ height: before }} />}
          {items.map((item) => {
            const bot = bots[item.index];
            return (
              <tr key={bot.workflowId} aria-rowindex={item.index + 2} style={{ height: ROW_HEIGHT }}>
                <td><Link to={`/bots/${bot.workflowId}`}>{bot.name}</Link></td>
                <td>{bot.schedule ?? 'manual'}</td>
                <td>{bot.stepCount}</td>
                <td>{bot.definitionVersion}</td>
                <td>{when(bot.updatedAt)}</td>
                <td className="row-actions">
                  <button type="button" onClick={() => onDuplicate(bot)} aria-label={`Duplicate ${bot.name}`}>Duplicate</button>
                  <button type="button" onClick={() => onExport(bot)} aria-label={`Export ${bot.name}`}>Export</button>
                  {onSaveToBucket && <button type="button" onClick={() => onSaveToBucket(bot)} aria-label={`Save to bucket: ${bot.name}`}>Save to bucket</button>}
                  <button type="button" className="danger" onClick={() => onDelete(bot)} aria-label={`Delete ${bot.name}`}>Delete</button>
                </td>
              </tr>
            );
          })}
          {after > 0 && <tr aria-hidden="true" style={{ height: after }} />}
        </tbody>
      </table>
    </div>
  );
}
