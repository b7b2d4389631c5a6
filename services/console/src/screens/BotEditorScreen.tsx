import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import stepKinds from 'virtual:step-kinds';
import { ApiError } from '../api/client';
import type { Run, Workflow, WorkflowWithSteps } from '../api/types';
import { botFileName, downloadJson } from '../bots/bot-files';
import { BOT_TEMPLATES } from '../bots/bot-templates';
import { Draft, DraftStep, locateField, newStep, parseSchedule, scheduleExpression, toWorkflowInput } from '../bots/draft';
import { StepPanel } from '../bots/StepPanel';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { Loading, Screen } from '../components/Screen';
import { StatusBadge, when } from '../components/StatusBadge';
import { useWorkspace } from '../workspace-context';
import { TextField } from '../components/TextField';

const CodeEditor = lazy(() => import('../components/CodeEditor'));

const EMPTY: Draft = { name: '', steps: [] };

/** The bot editor: a new bot (blank or from a template) or an existing one at its current definition version. */
export default function BotEditorScreen() {
  const { workflowId } = useParams();
  const [search] = useSearchParams();
  const { api } = useWorkspace();
  const loaded = useQuery({ queryKey: ['workflow', workflowId], queryFn: () => api.get<WorkflowWithSteps>(`/workflows/${workflowId}`), enabled: !!workflowId, staleTime: Infinity });
  if (workflowId && !loaded.data) return <Screen title="Bot"><Loading error={loaded.error} what="the bot" /></Screen>;
  const template = BOT_TEMPLATES.find((entry) => entry.id === search.get('template'));
  const initial: Draft = loaded.data ?? (template ? structuredClone(template.bot) as Draft : EMPTY);
  return <Editor key={`${workflowId}-${loaded.data?.definitionVersion}`} initial={initial} saved={loaded.data} />;
}

function Editor({ initial, saved }: { initial: Draft; saved?: WorkflowWithSteps }) {
  const { api } = useWorkspace();
  const navigate = useNavigate();
  const queries = useQueryClient();
  const [draft, setDraft] = useState<Draft>({ name: initial.name, description: initial.description, schedule: initial.schedule, timeoutSeconds: initial.timeoutSeconds, steps: initial.steps });
  const [selected, setSelected] = useState(0);
  const [view, setView] = useState<'form' | 'code'>('form');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<{ message: string; field?: string }>();
  const [deleting, setDeleting] = useState(false);
  const [notice, setNotice] = useState<string>();
  const summary = useRef<HTMLDivElement>(null);

  const save = useMutation({
    mutationFn: () => saved
      ? api.put<WorkflowWithSteps>(`/workflows/${saved.workflowId}`, toWorkflowInput(draft), { 'If-Match': `"${saved.definitionVersion}"` })
      : api.post<WorkflowWithSteps>('/workflows', toWorkflowInput(draft)),
    onSuccess: (result) => {
      setErrors({});
      setProblem(undefined);
      queries.setQueryData(['workflow', result.workflowId], result);
      void queries.invalidateQueries({ queryKey: ['workflows'] });
      if (saved) setNotice(`Saved as version ${result.definitionVersion}.`);
      else navigate(`/bots/${result.workflowId}`, { replace: true, state: { notice: `Created ${result.name}.` } });
    },
    onError: (error) => showError(error),
  });
  const run = useMutation({
    mutationFn: () => api.post<Run>(`/workflows/${saved!.workflowId}/runs`),
    onSuccess: (queued) => navigate(`/bots/${queued.workflowId}/runs/${queued.runId}`),
    onError: (error) => setProblem({ message: `Could not start a run: ${error.message}` }),
  });
  const remove = useMutation({
    mutationFn: () => api.delete(`/workflows/${saved!.workflowId}`),
    onSuccess: () => { void queries.invalidateQueries({ queryKey: ['workflows'] }); navigate('/bots'); },
    onError: (error) => setProblem({ message: `Could not delete: ${error.message}` }),
  });

  const showError = (error: Error) => {
    const field = error instanceof ApiError ? error.field : undefined;
    const message = field && error.message.startsWith(`${field}: `) ? error.message.slice(field.length + 2) : error.message;
    setErrors(field ? { [field]: message } : {});
    setProblem({ message: error.message, field });
    const located = field ? locateField(field) : undefined;
    if (located?.step !== undefined) { setSelected(located.step); setView('form'); }
  };
  useEffect(() => { if (problem) summary.current?.focus(); }, [problem]);

  const update = (change: Partial<Draft>) => setDraft((current) => ({ ...current, ...change }));
  const updateStep = (index: number, step: DraftStep) => update({ steps: draft.steps.map((existing, at) => (at === index ? step : existing)) });
  const addStep = (kind: string) => {
    const entry = stepKinds.find((candidate) => candidate.kind === kind)!;
    const operation = (entry.inputs.oneOf as { properties: { operation: { const: string } } }[] | undefined)?.[0].properties.operation.const;
    update({ steps: [...draft.steps, newStep(kind, draft.steps, operation)] });
    setSelected(draft.steps.length);
  };
  const moveStep = (index: number, by: -1 | 1) => {
    const steps = [...draft.steps];
    [steps[index], steps[index + by]] = [steps[index + by], steps[index]];
    update({ steps });
    setSelected(index + by);
  };
  const removeStep = (index: number) => {
    update({ steps: draft.steps.filter((_, at) => at !== index) });
    setSelected(Math.max(0, Math.min(selected, draft.steps.length - 2)));
  };
  const focusField = () => {
    const located = problem?.field ? locateField(problem.field) : undefined;
    const id = located?.step !== undefined ? `step-${located.step}-${located.path.replace(/^inputs\./, 'inputs-').split('.')[0]}` : `bot-${problem?.field}`;
    document.getElementById(id)?.focus();
  };
  const schedule = parseSchedule(draft.schedule);
  const stepError = (index: number) => Object.fromEntries(Object.entries(errors).flatMap(([field, message]) => {
    const located = locateField(field);
    return located.step === index ? [[located.path, message]] : [];
  }));

  return (
    <Screen
      title={saved ? `Bot: ${saved.name}` : 'New bot'}
      actions={<>
        <button type="button" className="primary" onClick={() => save.mutate()} disabled={save.isPending}>{save.isPending ? 'Saving…' : 'Save'}</button>
        {saved && <button type="button" onClick={() => run.mutate()} disabled={run.isPending}>Run now</button>}
        {saved && <button type="button" onClick={() => downloadJson(botFileName(saved.name), toWorkflowInput(draft))}>Export</button>}
        {saved && <button type="button" className="danger" onClick={() => setDeleting(true)}>Delete</button>}
      </>}
    >
      {saved && <p className="meta">Definition version {saved.definitionVersion} · updated {when(saved.updatedAt)} · created by {saved.createdBy}</p>}
      {notice && <p role="status" className="notice">{notice}</p>}
      {problem && (
        <div className="error-summary" role="alert" tabIndex={-1} ref={summary}>
          <p>The bot was not saved: {problem.message}</p>
          {problem.field && <button type="button" className="link" onClick={focusField}>Go to {problem.field}</button>}
        </div>
      )}
      <fieldset className="bot-fields">
        <legend>Bot</legend>
        <TextField id="bot-name" label="Name" value={draft.name} error={errors.name} required onChange={(name) => update({ name })} />
        <TextField id="bot-description" label="Description" value={draft.description ?? ''} error={errors.description} onChange={(description) => update({ description: description || undefined })} />
        <div className="field">
          <label htmlFor="bot-schedule">Runs every</label>
          <div className="inline">
            <input id="bot-schedule" type="number" min={1} value={schedule.every ?? ''} placeholder="manual only" aria-invalid={errors.schedule ? true : undefined} aria-describedby={errors.schedule ? 'bot-schedule-error' : undefined}
              onChange={(event) => update({ schedule: scheduleExpression({ ...schedule, every: Number(event.target.value) || undefined }) })} />
            <select aria-label="Schedule unit" value={schedule.unit} onChange={(event) => update({ schedule: scheduleExpression({ ...schedule, unit: event.target.value as never }) })}>
              <option value="minutes">minutes</option><option value="hours">hours</option><option value="days">days</option>
            </select>
          </div>
          {errors.schedule && <p id="bot-schedule-error" className="field-error">{errors.schedule}</p>}
        </div>
        <TextField id="bot-timeoutSeconds" label="Run time limit (seconds)" value={draft.timeoutSeconds?.toString() ?? ''} placeholder="default: 3600" error={errors.timeoutSeconds}
          onChange={(raw) => update({ timeoutSeconds: raw ? Number(raw) : undefined })} />
      </fieldset>

      <div className="view-switch" role="group" aria-label="Edit as">
        <button type="button" aria-pressed={view === 'form'} onClick={() => setView('form')}>Steps</button>
        <button type="button" aria-pressed={view === 'code'} onClick={() => setView('code')}>Code</button>
      </div>
      {view === 'form' ? (
        <div className="editor">
          <section aria-labelledby="steps-title" className="step-list">
            <h2 id="steps-title">Steps</h2>
            <ol>
              {draft.steps.map((step, index) => (
                <li key={index} className={index === selected ? 'selected' : undefined}>
                  <button type="button" className="step-select" aria-current={index === selected ? 'step' : undefined} onClick={() => setSelected(index)}>
                    <span className="kind">{step.kind}</span> {step.name ?? step.id}{Object.keys(stepError(index)).length ? <span className="field-error"> (error)</span> : null}
                  </button>
                  <span className="step-actions">
                    <button type="button" aria-label={`Move ${step.id} up`} disabled={index === 0} onClick={() => moveStep(index, -1)}>↑</button>
                    <button type="button" aria-label={`Move ${step.id} down`} disabled={index === draft.steps.length - 1} onClick={() => moveStep(index, 1)}>↓</button>
                    <button type="button" aria-label={`Remove ${step.id}`} onClick={() => removeStep(index)}>✕</button>
                  </span>
                </li>
              ))}
            </ol>
            {errors.steps && <p className="field-error">{errors.steps}</p>}
            <StepPalette onAdd={addStep} />
          </section>
          {draft.steps[selected]
            ? <StepPanel key={selected} index={selected} step={draft.steps[selected]} steps={draft.steps} errors={stepError(selected)} onChange={(step) => updateStep(selected, step)} />
            : <p className="empty">Add a first step from the palette.</p>}
        </div>
      ) : (
        <Suspense fallback={<p role="status">Loading the code editor…</p>}>
          <CodeView draft={draft} onChange={setDraft} />
        </Suspense>
      )}
      {saved && <RecentRuns workflow={saved} />}
      {deleting && saved && (
        <ConfirmDialog title={`Delete ${saved.name}?`} message="The bot stops running and leaves the Bots list. Its runs and its audit entries stay." confirmLabel="Delete bot"
          onCancel={() => setDeleting(false)} onConfirm={() => { setDeleting(false); remove.mutate(); }} />
      )}
    </Screen>
  );
}

/** The kinds of step, grouped as the catalog files them. */
function StepPalette({ onAdd }: { onAdd: (kind: string) => void }) {
  const groups = [...new Set(stepKinds.map((kind) => kind.group))];
  return (
    <section aria-labelledby="palette-title" className="palette">
      <h3 id="palette-title">Add a step</h3>
      {groups.map((group) => (
        <div key={group} role="group" aria-label={group}>
          <h4>{group}</h4>
          {stepKinds.filter((kind) => kind.group === group).map((kind) => (
            <button key={kind.kind} type="button" title={kind.summary} onClick={() => onAdd(kind.kind)}>{kind.title}</button>
          ))}
        </div>
      ))}
    </section>
  );
}

/** The whole bot as JSON; it becomes the draft whenever it parses. */
function CodeView({ draft, onChange }: { draft: Draft; onChange: (draft: Draft) => void }) {
  const [text, setText] = useState(() => JSON.stringify(toWorkflowInput(draft), null, 2));
  const [error, setError] = useState<string>();
  return (
    <div className="code-view">
      <CodeEditor label="Bot definition (JSON)" value={text} onChange={(next) => {
        setText(next);
        try {
          const parsed = JSON.parse(next) as Draft;
          if (!Array.isArray(parsed.steps)) throw new Error('steps must be a list');
          onChange(parsed);
          setError(undefined);
        } catch (failure) {
          setError((failure as Error).message);
        }
      }} />
      <p role="status" className={error ? 'field-error' : 'meta'}>{error ? `Not applied yet: ${error}` : 'The form and the code are the same bot.'}</p>
    </div>
  );
}

function RecentRuns({ workflow }: { workflow: Workflow }) {
  const { api } = useWorkspace();
  const runs = useQuery({ queryKey: ['runs', workflow.workflowId], queryFn: () => api.get<{ items: Run[] }>(`/workflows/${workflow.workflowId}/runs`, { limit: 20 }), refetchInterval: 5_000 });
  return (
    <section aria-labelledby="runs-title">
      <h2 id="runs-title">Recent runs</h2>
      {!runs.data ? <Loading error={runs.error} what="runs" /> : runs.data.items.length === 0 ? <p>No runs yet.</p> : (
        <table>
          <thead><tr><th scope="col">Requested</th><th scope="col">Status</th><th scope="col">Trigger</th><th scope="col">Version</th></tr></thead>
          <tbody>
            {runs.data.items.map((run) => (
              <tr key={run.runId}>
                <td><Link to={`/bots/${run.workflowId}/runs/${run.runId}`}>{when(run.requestedAt)}</Link></td>
                <td><StatusBadge status={run.status} /></td>
                <td>{run.trigger}</td>
                <td>{run.definitionVersion}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
