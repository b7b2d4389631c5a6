import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { Run, RunWithSteps, StepResult } from '../api/types';
import { Loading, Screen } from '../components/Screen';
import { duration, StatusBadge, when } from '../components/StatusBadge';
import { useWorkspace } from '../workspace-context';

const FINAL = new Set(['succeeded', 'failed', 'cancelled', 'timed-out']);
/** How often an unfinished run is read again. */
const LIVE_REFRESH_MS = 1_500;

/** One run: its status and timing, each executed step in order with its input, output and error; cancel and run again. */
export default function RunScreen() {
  const { workflowId, runId } = useParams();
  const { api } = useWorkspace();
  const navigate = useNavigate();
  const queries = useQueryClient();
  const path = `/workflows/${workflowId}/runs/${runId}`;
  const run = useQuery({
    queryKey: ['run', runId],
    queryFn: () => api.get<RunWithSteps>(path),
    refetchInterval: (query) => (query.state.data && FINAL.has(query.state.data.status) ? false : LIVE_REFRESH_MS),
  });
  const cancel = useMutation({ mutationFn: () => api.post(`${path}/cancel`), onSuccess: () => queries.invalidateQueries({ queryKey: ['run', runId] }) });
  const again = useMutation({
    mutationFn: () => api.post<Run>(`/workflows/${workflowId}/runs`, run.data?.input && Object.keys(run.data.input).length ? { input: run.data.input } : undefined),
    onSuccess: (queued) => navigate(`/bots/${workflowId}/runs/${queued.runId}`),
  });
  if (!run.data) return <Screen title="Run"><Loading error={run.error} what="the run" /></Screen>;
  const data = run.data;
  const final = FINAL.has(data.status);
  return (
    <Screen
      title="Run"
      actions={<>
        {!final && <button type="button" className="danger" onClick={() => cancel.mutate()} disabled={cancel.isPending}>Cancel run</button>}
        <button type="button" onClick={() => again.mutate()} disabled={again.isPending}>Run again</button>
      </>}
    >
      <p className="meta"><Link to={`/bots/${workflowId}`}>Back to the bot</Link></p>
      <dl className="run-summary">
        <dt>Status</dt><dd aria-live="polite"><StatusBadge status={data.status} /></dd>
        <dt>Trigger</dt><dd>{data.trigger} by {data.requestedBy}</dd>
        <dt>Requested</dt><dd>{when(data.requestedAt)}</dd>
        <dt>Started</dt><dd>{when(data.startedAt)}</dd>
        <dt>Ended</dt><dd>{when(data.endedAt)}</dd>
        <dt>Duration</dt><dd>{data.startedAt && data.endedAt ? duration(Date.parse(data.endedAt) - Date.parse(data.startedAt)) : '—'}</dd>
        <dt>Definition version</dt><dd>{data.definitionVersion}</dd>
      </dl>
      {data.error && <p className="error" role="alert">Failed{data.error.stepId ? ` at step ${data.error.stepId}` : ''}: {data.error.message}</p>}
      {cancel.error && <p className="error" role="alert">Could not cancel: {cancel.error.message}</p>}
      {again.error && <p className="error" role="alert">Could not start a run: {again.error.message}</p>}
      {data.input && Object.keys(data.input).length > 0 && <details><summary>Run input</summary><pre>{JSON.stringify(data.input, null, 2)}</pre></details>}
      <h2>Timeline</h2>
      <StepTimeline steps={data.steps} />
      {!final && <p role="status" className="meta">Live: refreshing every {LIVE_REFRESH_MS / 1000} s.</p>}
    </Screen>
  );
}

/** The executed steps, each a row that opens to its input, output and error. */
export function StepTimeline({ steps }: { steps: StepResult[] }) {
  const [open, setOpen] = useState<number>();
  if (steps.length === 0) return <p>No step has run yet.</p>;
  const first = Date.parse(steps[0].startedAt);
  const last = Math.max(...steps.map((step) => Date.parse(step.endedAt ?? step.startedAt)), first + 1);
  return (
    <ol className="timeline">
      {steps.map((step) => {
        const start = Date.parse(step.startedAt);
        const end = Date.parse(step.endedAt ?? step.startedAt);
        return (
          <li key={step.seq} className={`timeline-step status-${step.status}`}>
            <button type="button" aria-expanded={open === step.seq} onClick={() => setOpen(open === step.seq ? undefined : step.seq)}>
              <span className="seq">{step.seq}</span>
              <span className="step-name">{step.stepId}</span>
              <span className="kind">{step.kind}</span>
              <StatusBadge status={step.status} />
              <span className="duration">{duration(step.durationMs)}</span>
              <span className="bar" aria-hidden="true"><span style={{ marginLeft: `${((start - first) / (last - first)) * 100}%`, width: `${Math.max(1, ((end - start) / (last - first)) * 100)}%` }} /></span>
            </button>
            {open === step.seq && (
              <div className="step-detail">
                <p className="meta">Started {when(step.startedAt)} · {step.attempts} attempt{step.attempts === 1 ? '' : 's'}{step.next ? ` · next: ${step.next}` : ''}</p>
                {step.error && <p className="error">{step.error}</p>}
                <h3>Input</h3><pre>{JSON.stringify(step.input ?? null, null, 2)}</pre>
                <h3>Output</h3><pre>{JSON.stringify(step.output ?? null, null, 2)}</pre>
              </div>
            )}
          </li>
        );
      })}
    </ol>
  );
}
