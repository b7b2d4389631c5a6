import { z } from 'zod';
import { EXPRESSION_PATTERN, jsonataSource } from './expression';

/**
 * The inputs of each step kind, as the step receives them once its `{% %}` expressions are evaluated.
 * A definition may write any top-level input as an expression instead ({@link acceptingExpressions});
 * the evaluated inputs are checked against these schemas when the step runs.
 */

/** A step ID: what other steps, `then`/`else` and expressions (`steps.<id>`) call it. */
export const stepIdSchema = z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]{0,63}$/, 'must start with a letter and hold up to 64 letters, digits or _');

/** A key of the integration credentials secret (the secret is a JSON object of names to values). */
export const credentialNameSchema = z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}$/, 'must be a key of the integration credentials secret: letters, digits, _ . -');

const httpUrl = z.string().max(2048).url().refine((url) => /^https?:\/\//i.test(url), 'must be an http:// or https:// URL');

/** The AWS calls an `aws` step may make with the engine's task role (the template grants exactly these). */
export const AWS_STEP_ACTIONS = [
  'securityhub:GetFindings',
  'securityhub:BatchUpdateFindings',
  'ec2:DescribeInstances',
  'ssm:SendCommand',
  'ssm:GetCommandInvocation',
  'ssm:DescribeInstanceInformation',
] as const;

export const httpInputsSchema = z.object({
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD']).default('GET'),
  url: httpUrl,
  headers: z.record(z.string().min(1).max(256), z.string().max(8192)).optional(),
  query: z.record(z.string().min(1).max(256), z.string().max(2048)).optional(),
  /** Sent as JSON unless it is a string. */
  body: z.unknown().optional(),
  /** A credential sent in a header: `<prefix><value>`. */
  credential: z.object({
    name: credentialNameSchema,
    header: z.string().min(1).max(256).default('Authorization'),
    prefix: z.string().max(64).default('Bearer '),
  }).strict().optional(),
  /** The response codes that count as success. @default any 2xx */
  expectStatus: z.array(z.number().int().min(100).max(599)).min(1).max(50).optional(),
}).strict();

export const awsInputsSchema = z.object({
  action: z.enum(AWS_STEP_ACTIONS),
  parameters: z.record(z.string(), z.unknown()).default({}),
}).strict();

export const bedrockInputsSchema = z.object({
  /** One of the template's BedrockModelIds. */
  modelId: z.string().min(1).max(2048),
  prompt: z.string().min(1).max(100_000),
  system: z.string().max(20_000).optional(),
  maxTokens: z.number().int().min(1).max(8192).default(1024),
  temperature: z.number().min(0).max(1).optional(),
}).strict();

export const transformInputsSchema = z.object({
  /** A bare JSONata expression over the run; its value is the step's output. */
  expression: jsonataSource,
}).strict();

export const conditionInputsSchema = z.object({
  /** A bare JSONata expression; truthy goes to `then`, otherwise to `else`. */
  expression: jsonataSource,
  then: stepIdSchema,
  /** @default the step after this one, or the end of the run */
  else: stepIdSchema.optional(),
}).strict();

export const notifyInputsSchema = z.object({
  /** `topic`: the workspace notification topic; `slack`: the incoming webhook in `credential`. */
  channel: z.enum(['topic', 'slack']).default('topic'),
  subject: z.string().min(1).max(100).optional(),
  message: z.string().min(1).max(200_000),
  credential: credentialNameSchema.optional(),
}).strict();

/** A Slack notification names the credential that holds its webhook; checked on definitions and on evaluated inputs. */
export function slackNeedsCredential(inputs: { channel?: unknown; credential?: unknown }, context: z.RefinementCtx): void {
  if (inputs.channel === 'slack' && inputs.credential === undefined) {
    context.addIssue({ code: 'custom', message: 'a slack notification needs credential: the key holding the incoming webhook URL', path: ['credential'] });
  }
}

export const waitInputsSchema = z.object({
  seconds: z.number().int().min(1).max(7 * 86_400),
}).strict();

/**
 * A field that takes its own type or a `{% %}` expression; a literal that is wrong reports its own
 * type's error (a union would only say "Invalid input").
 */
function orExpression(field: z.ZodType): z.ZodType {
  return z.unknown().superRefine((value, context) => {
    if (typeof value === 'string' && EXPRESSION_PATTERN.test(value.trim())) return;
    const result = field.safeParse(value);
    if (result.success) return;
    for (const issue of result.error.issues) context.addIssue({ code: 'custom', message: issue.message, path: issue.path });
  });
}

/**
 * The definition-time form of a kind's inputs: each top-level field but the `literal` ones takes its
 * own type or an expression, so a bot can compute its URL or its targets from earlier steps.
 */
export function acceptingExpressions<S extends z.ZodRawShape>(schema: z.ZodObject<S>, literal: readonly string[] = []): z.ZodObject<z.ZodRawShape> {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(schema.shape) as [string, z.ZodType][]) {
    if (literal.includes(key)) shape[key] = field;
    else if (field instanceof z.ZodOptional || field instanceof z.ZodDefault) shape[key] = orExpression(field.unwrap() as z.ZodType).optional();
    else shape[key] = orExpression(field);
  }
  return z.object(shape).strict();
}
