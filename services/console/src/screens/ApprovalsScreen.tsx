import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError } from '../api/client';
import type { Approval } from '../api/types';
import { Loading, Screen } from '../components/Screen';
import { when } from '../components/StatusBadge';
import { useWorkspace } from '../workspace-context';

/** Approvals: the actions waiting for a person, with their risk assessment; approve or reject, with a comment. */
export default function ApprovalsScreen() {
  const { api } = useWorkspace();
  const queries = useQueryClient();
  const pending = useQuery({ queryKey: ['approvals'], queryFn: () => api.get<{ items: Approval[] }>('/approvals'), refetchInterval: 10_000 });
  const [decided, setDecided] = useState<Approval[]>([]);
  const decide = useMutation({
    mutationFn: ({ approval, decision, comment }: { approval: Approval; decision: 'approve' | 'reject'; comment: string }) =>
      api.post<Approval>(`/approvals/${approval.approvalId}`, { decision, ...(comment ? { comment } : {}) }),
    onSuccess: (result) => { setDecided((list) => [result, ...list]); void queries.invalidateQueries({ queryKey: ['approvals'] }); },
  });
  if (pending.error instanceof ApiError && pending.error.code === 'approvals_off') {
    return <Screen title="Approvals"><p>Approval workflows are off in this workspace. An administrator turns them on with the stack parameter EnableApprovalWorkflows.</p></Screen>;
  }
  return (
    <Screen title="Approvals">
      {decide.error && <p role="alert" className="error">The decision was not recorded: {decide.error.message}</p>}
      {decided.length > 0 && (
        <section aria-labelledby="decided-title">
          <h2 id="decided-title">Decided just now</h2>
          <ul>{decided.map((approval) => <li key={approval.approvalId} role="status">{approval.request.title}: {approval.status} by {approval.decidedBy} at {when(approval.decidedAt)}</li>)}</ul>
        </section>
      )}
      <h2>Waiting for a decision</h2>
      {!pending.data ? <Loading error={pending.error} what="approvals" /> : pending.data.items.length === 0 ? <p>Nothing is waiting for approval.</p> : (
        <ul className="approvals">
          {pending.data.items.map((approval) => (
            <ApprovalCard key={approval.approvalId} approval={approval} busy={decide.isPending} onDecide={(decision, comment) => decide.mutate({ approval, decision, comment })} />
          ))}
        </ul>
      )}
    </Screen>
  );
}

function ApprovalCard({ approval, busy, onDecide }: { approval: Approval; busy: boolean; onDecide: (decision: 'approve' | 'reject', comment: string) => void }) {
  const [comment, setComment] = useState('');
  const { request, risk } = approval;
  const id = `approval-${approval.approvalId}`;
  return (
    <li className="approval" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{request.title}</h3>
      <dl>
        <dt>Kind</dt><dd>{request.kind}</dd>
        <dt>Severity</dt><dd>{request.severity}{request.cvssScore !== undefined ? ` (CVSS ${request.cvssScore})` : ''}</dd>
        <dt>Targets</dt><dd>{request.targets.join(', ')}</dd>
        <dt>Requested</dt><dd>by {request.requestedBy} at {when(approval.requestedAt)}</dd>
        <dt>Decide by</dt><dd>{when(approval.decideBy)}</dd>
        <dt>Risk</dt><dd><span className={`risk risk-${risk.level}`}>{risk.level}</span> (score {risk.score}){risk.modelConsulted ? ', with the model\'s opinion' : ''}</dd>
      </dl>
      <ul className="reasons">{risk.reasons.map((reason) => <li key={reason}>{reason}</li>)}</ul>
      <div className="field">
        <label htmlFor={`${id}-comment`}>Comment</label>
        <input id={`${id}-comment`} type="text" maxLength={1000} value={comment} onChange={(event) => setComment(event.target.value)} />
      </div>
      <div className="actions">
        <button type="button" className="primary" disabled={busy} onClick={() => onDecide('approve', comment)}>Approve</button>
        <button type="button" className="danger" disabled={busy} onClick={() => onDecide('reject', comment)}>Reject</button>
      </div>
    </li>
  );
}
