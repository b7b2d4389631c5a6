import type { APIGatewayProxyEvent } from 'aws-lambda';
import { InvalidToken, SendTaskFailureCommand, SendTaskSuccessCommand, SFNClient, TaskDoesNotExist, TaskTimedOut } from '@aws-sdk/client-sfn';
import { z } from 'zod';
import { ApprovalDecidedError, ApprovalNotFoundError, AutomationStore } from '../automation/automation-store';
import { AuditLog } from '../workspace-data/documents/audit-log';
import { parseBody } from './request-bodies';
import { ApiError } from './responses';

/** What the approval routes need; absent when the template's approval workflows are off. */
export interface ApprovalDecisions {
  readonly store: AutomationStore;
  readonly sfn: SFNClient;
  /** Records every decision. */
  readonly audit: AuditLog;
}

/** The error a rejection sends to the waiting state machine, which ends the execution without acting. */
export const REJECTED_ERROR = 'ApprovalRejected';

const decisionSchema = z.object({
  decision: z.enum(['approve', 'reject']),
  comment: z.string().max(1000).optional(),
}).strict();

interface ApprovalContext {
  readonly approvals?: ApprovalDecisions;
  readonly now: () => Date;
}

/** `GET /approvals` and `POST /approvals/{approvalId}`, keyed as API Gateway names them. */
export const APPROVAL_ROUTES = {
  'GET /approvals': async (_event: APIGatewayProxyEvent, context: ApprovalContext) =>
    ({ status: 200, body: { items: await decisions(context).store.pendingApprovals(context.now()) } }),
  'POST /approvals/{approvalId}': async (event: APIGatewayProxyEvent, context: ApprovalContext, by: string) => {
    const { store, sfn, audit } = decisions(context);
    const approvalId = event.pathParameters?.approvalId ?? '';
    const input = parseBody(event, decisionSchema, 'invalid_decision', 'send {"decision": "approve" | "reject", "comment": "..."}');
    const { approval, taskToken } = await found(() => store.getApproval(approvalId), approvalId);
    if (approval.status !== 'pending') throw new ApiError(409, 'already_decided', `approval ${approvalId} was already ${approval.status}`, 'approvalId');
    try {
      if (input.decision === 'approve') {
        await sfn.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify({ approved: true, by, comment: input.comment ?? '' }) }));
      } else {
        await sfn.send(new SendTaskFailureCommand({ taskToken, error: REJECTED_ERROR, cause: `rejected by ${by}${input.comment ? `: ${input.comment}` : ''}` }));
      }
    } catch (error) {
      if (error instanceof TaskTimedOut || error instanceof TaskDoesNotExist || error instanceof InvalidToken) {
        throw new ApiError(409, 'approval_expired', `approval ${approvalId} is no longer awaited: it timed out or its automation ended`, 'approvalId');
      }
      throw error;
    }
    const status = input.decision === 'approve' ? 'approved' : 'rejected';
    const at = context.now().toISOString();
    await store.recordDecision(approvalId, { status, by, at, comment: input.comment }).catch((error) => {
      if (error instanceof ApprovalDecidedError) throw new ApiError(409, 'already_decided', error.message, 'approvalId');
      throw error;
    });
    await audit.append({ actor: by, action: 'approval.decided', target: `approval/${approvalId}`, outcome: 'success', at: new Date(at), detail: { decision: status, executionArn: approval.executionArn } });
    return { status: 200, body: { ...approval, status, decidedBy: by, decidedAt: at, comment: input.comment } };
  },
};

function decisions(context: ApprovalContext): ApprovalDecisions {
  if (!context.approvals) throw new ApiError(404, 'approvals_off', 'approval workflows are off in this workspace; set EnableApprovalWorkflows to true');
  return context.approvals;
}

async function found<T>(get: () => Promise<T>, approvalId: string): Promise<T> {
  if (!/^[0-9a-f-]{36}$/.test(approvalId)) throw new ApiError(404, 'not_found', `approval ${JSON.stringify(approvalId)} does not exist`, 'approvalId');
  try {
    return await get();
  } catch (error) {
    if (error instanceof ApprovalNotFoundError) throw new ApiError(404, 'not_found', error.message, 'approvalId');
    throw error;
  }
}
