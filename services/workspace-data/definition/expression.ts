import jsonata from 'jsonata';
import { z } from 'zod';

/**
 * A string that is wholly `{% ... %}` is a JSONata expression, as in AWS Step Functions' JSONata
 * states; any other string is taken literally. Expressions read the run as one document:
 * `input` (what the run was started with), `steps.<id>` (each completed step's output) and `run`
 * (`id`, `workflowId`, `trigger`).
 */
export const EXPRESSION_PATTERN = /^\{%([\s\S]*)%\}$/;

/** The body of an expression string, or undefined for a literal. */
export function expressionBody(value: string): string | undefined {
  const match = EXPRESSION_PATTERN.exec(value.trim());
  return match ? match[1].trim() : undefined;
}

/** Why an expression does not parse, or undefined when it does. */
export function expressionError(source: string): string | undefined {
  try {
    jsonata(source);
    return undefined;
  } catch (error) {
    const { message, position } = error as { message?: string; position?: number };
    return `the JSONata expression does not parse${position === undefined ? '' : ` at character ${position}`}: ${message ?? String(error)}`;
  }
}

/** A bare JSONata expression (no `{% %}`), checked to parse. */
export const jsonataSource = z.string().trim().min(1).max(10_000).superRefine((source, context) => {
  const error = expressionError(source);
  if (error) context.addIssue({ code: 'custom', message: error });
});

/** Checks every `{% %}` string nested in a value; reports the first that does not parse, at its path. */
export function checkNestedExpressions(value: unknown, context: z.RefinementCtx, path: (string | number)[] = []): void {
  if (typeof value === 'string') {
    const body = expressionBody(value);
    const error = body === undefined ? undefined : body.length === 0 ? 'the expression between {% and %} is empty' : expressionError(body);
    if (error) context.addIssue({ code: 'custom', message: error, path });
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => checkNestedExpressions(item, context, [...path, index]));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) checkNestedExpressions(item, context, [...path, key]);
  }
}

/** A string input that may also be an expression. */
export const text = (max = 10_000) => z.string().max(max);
