import { z } from 'zod';
import { actionStepSchema } from '../workspace-data/definition/bot-definition';
import { SEVERITIES } from '../workspace-data/definition/severity';

/**
 * What starts an approval-gated automation (seed 001's patch deployment and alert remediation
 * workflows): the action the agents perform, the action that undoes it, and what it touches.
 */
export const automationRequestSchema = z.object({
  kind: z.enum(['patch', 'alert']),
  title: z.string().trim().min(1).max(200),
  action: actionStepSchema,
  rollback: actionStepSchema,
  targets: z.array(z.string().min(1).max(256)).min(1).max(1000),
  severity: z.enum(SEVERITIES),
  /** CVSS base score of the patched vulnerability, when there is one. */
  cvssScore: z.number().min(0).max(10).optional(),
  /** Ask a person even when the risk is low. */
  requireApproval: z.boolean().optional(),
  requestedBy: z.string().min(1).max(256),
});

export type AutomationRequest = z.infer<typeof automationRequestSchema>;

/** The request in a step's event, checked; a bad one names the field, and the step fails without retrying. */
export function parseAutomationRequest(value: unknown): AutomationRequest {
  const parsed = automationRequestSchema.safeParse(value);
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    throw new InvalidRequestError(`request.${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data;
}

/** An execution input that is not an automation request; the state machine does not retry it. */
export class InvalidRequestError extends Error {
  override readonly name = 'InvalidRequest';
}
