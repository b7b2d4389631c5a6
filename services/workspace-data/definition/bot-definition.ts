import { z } from 'zod';
import { nvdInputsSchema, slackInputsSchema, superOpsInputsSchema } from './connector-inputs';
import { checkNestedExpressions } from './expression';
import {
  acceptingExpressions, awsInputsSchema, bedrockInputsSchema, conditionInputsSchema, httpInputsSchema,
  notifyInputsSchema, slackNeedsCredential, stepIdSchema, transformInputsSchema, waitInputsSchema,
} from './step-inputs';
import { SEVERITIES } from './severity';

/** The most steps a definition holds, and the most a run executes (a condition may loop back). */
export const MAX_STEPS = 200;
export const MAX_EXECUTED_STEPS = 1000;
/** A run's time limit unless its definition sets one, and the most it may set (the approval workflow's own limit). */
export const DEFAULT_RUN_TIMEOUT_SECONDS = 3600;
export const MAX_RUN_TIMEOUT_SECONDS = 8 * 86_400;
/** A step attempt's time limit unless the step sets one. */
export const DEFAULT_STEP_TIMEOUT_SECONDS = 30;

const retrySchema = z.object({
  /** Attempts in all, the first included. */
  maxAttempts: z.number().int().min(1).max(10).default(3),
  /** The first backoff; each next one doubles, with full jitter. */
  intervalSeconds: z.number().min(0.1).max(300).default(1),
  maxIntervalSeconds: z.number().min(0.1).max(3600).default(60),
}).strict();

const envelope = {
  id: stepIdSchema,
  /** What the console shows. @default the ID */
  name: z.string().trim().min(1).max(200).optional(),
  /** The step after this one. @default the next in the list, or the end of the run */
  next: stepIdSchema.optional(),
  /** The run ends after this step, wherever it is in the list. @default false */
  end: z.literal(true).optional(),
  /** @default one attempt for transform, condition, wait and approval; three for the others */
  retry: retrySchema.optional(),
  /** One attempt's time limit. @default 30 */
  timeoutSeconds: z.number().int().min(1).max(900).optional(),
};

const kindStep = <K extends string, I extends z.ZodType>(kind: K, inputs: I) => z.object({ ...envelope, kind: z.literal(kind), inputs }).strict();
const byOperation = (schema: z.ZodDiscriminatedUnion) =>
  z.discriminatedUnion('operation', schema.options.map((option) => acceptingExpressions(option as z.ZodObject, ['operation'])) as [z.ZodObject, ...z.ZodObject[]]);

/** The kinds that act on the outside world; an approval hands one of them to the approval workflow. */
const actionSteps = [
  kindStep('http', acceptingExpressions(httpInputsSchema)),
  kindStep('aws', acceptingExpressions(awsInputsSchema)),
  kindStep('notify', acceptingExpressions(notifyInputsSchema).superRefine(slackNeedsCredential)),
  kindStep('slack', byOperation(slackInputsSchema)),
  kindStep('superops', byOperation(superOpsInputsSchema)),
] as const;

/** A step the approval workflow hands back to the engine to perform (the action, or its rollback). */
export const actionStepSchema = z.discriminatedUnion('kind', [...actionSteps]);
export type ActionStep = z.infer<typeof actionStepSchema>;

export const approvalInputsSchema = z.object({
  title: z.string().trim().min(1).max(200),
  /** Seed 001's two approval-gated automations. */
  kind: z.enum(['patch', 'alert']),
  severity: z.enum(SEVERITIES),
  cvssScore: z.number().min(0).max(10).optional(),
  targets: z.array(z.string().min(1).max(256)).min(1).max(1000),
  action: actionStepSchema,
  rollback: actionStepSchema,
  requireApproval: z.boolean().optional(),
}).strict();

export const stepSchema = z.discriminatedUnion('kind', [
  ...actionSteps,
  kindStep('bedrock', acceptingExpressions(bedrockInputsSchema)),
  kindStep('transform', transformInputsSchema),
  kindStep('condition', conditionInputsSchema),
  kindStep('approval', acceptingExpressions(approvalInputsSchema)),
  kindStep('wait', acceptingExpressions(waitInputsSchema)),
  kindStep('nvd', byOperation(nvdInputsSchema)),
]);
export type Step = z.infer<typeof stepSchema>;
export type StepKind = Step['kind'];

/** The kinds whose failures are usually transient, so they are retried by default. */
const RETRIED_BY_DEFAULT: ReadonlySet<StepKind> = new Set(['http', 'aws', 'bedrock', 'notify', 'slack', 'superops', 'nvd']);

export type RetryPolicy = z.infer<typeof retrySchema>;

/** A step's retry policy with the defaults filled in. */
export function retryPolicy(step: Step): RetryPolicy {
  return retrySchema.parse(step.retry ?? (RETRIED_BY_DEFAULT.has(step.kind) ? {} : { maxAttempts: 1 }));
}

/** How long to wait after failed attempt `attempt` (1-based): exponential backoff, capped, with full jitter, and at least `notBeforeMs`. */
export function retryDelayMs(policy: RetryPolicy, attempt: number, notBeforeMs = 0): number {
  const backoff = Math.min(policy.maxIntervalSeconds, policy.intervalSeconds * 2 ** (attempt - 1)) * 1000;
  return Math.max(notBeforeMs, Math.random() * backoff);
}

/** The fields of a definition, which a workflow's body carries beside its metadata. */
export const definitionShape = {
  steps: z.array(stepSchema).min(1).max(MAX_STEPS),
  /** The run's time limit. @default 3600 */
  timeoutSeconds: z.number().int().min(1).max(MAX_RUN_TIMEOUT_SECONDS).optional(),
};

/** What a definition must hold beyond its fields' types: a graph whose references exist, and expressions that parse. */
export function checkDefinition(definition: { steps: Step[] }, context: z.RefinementCtx): void {
  checkGraph(definition.steps, context);
  definition.steps.forEach((step, index) => checkNestedExpressions(step.inputs, context, ['steps', index, 'inputs']));
}

/** The step graph of a bot, as stored in `bot_definitions` and validated by the API. */
export const definitionSchema = z.object(definitionShape).superRefine(checkDefinition);
export type Definition = z.infer<typeof definitionSchema>;

/** Step IDs are unique, and every `next`, `then` and `else` names a step of the definition. */
function checkGraph(steps: Step[], context: z.RefinementCtx): void {
  const ids = new Set<string>();
  steps.forEach((step, index) => {
    if (ids.has(step.id)) context.addIssue({ code: 'custom', message: `step ID ${step.id} is used twice; step IDs must be unique`, path: ['steps', index, 'id'] });
    ids.add(step.id);
  });
  const mustExist = (id: string | undefined, path: (string | number)[]) => {
    if (id !== undefined && !ids.has(id)) context.addIssue({ code: 'custom', message: `no step has the ID ${id}`, path });
  };
  steps.forEach((step, index) => {
    if (step.end && step.next) context.addIssue({ code: 'custom', message: 'a step has either next or end, not both', path: ['steps', index, 'end'] });
    mustExist(step.next, ['steps', index, 'next']);
    if (step.kind === 'condition') {
      mustExist(step.inputs.then, ['steps', index, 'inputs', 'then']);
      mustExist(step.inputs.else, ['steps', index, 'inputs', 'else']);
    }
  });
}
