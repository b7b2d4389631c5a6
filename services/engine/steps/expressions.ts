import jsonata from 'jsonata';
import { expressionBody } from '../../workspace-data/definition/expression';
import { StepError } from './step-error';

/** What a run's expressions read: `input`, `steps.<id>` (each completed step's output) and `run`. */
export interface RunDocument {
  readonly input: Record<string, unknown>;
  readonly steps: Record<string, unknown>;
  readonly run: { readonly id: string; readonly workflowId: string; readonly trigger: string };
}

/** An expression that loops or recurses without end is stopped after this long or this deep. */
const EVALUATION_TIMEOUT_MS = 2000;
const EVALUATION_STACK_DEPTH = 500;

/** Evaluates a bare JSONata expression over the run; an error names `field` and does not retry. */
export async function evaluate(source: string, document: RunDocument, field: string): Promise<unknown> {
  try {
    return await jsonata(source, { timeout: EVALUATION_TIMEOUT_MS, stack: EVALUATION_STACK_DEPTH }).evaluate(document);
  } catch (error) {
    const { message, code } = error as { message?: string; code?: string };
    throw new StepError(`${field}: the expression failed${code ? ` (${code})` : ''}: ${message ?? String(error)}`, { retryable: false });
  }
}

/** Replaces every `{% %}` string nested in `inputs` by its value over the run; other values stay as written. */
export async function evaluateInputs(inputs: unknown, document: RunDocument, field = 'inputs'): Promise<unknown> {
  if (typeof inputs === 'string') {
    const body = expressionBody(inputs);
    return body === undefined ? inputs : evaluate(body, document, field);
  }
  if (Array.isArray(inputs)) return Promise.all(inputs.map((item, index) => evaluateInputs(item, document, `${field}[${index}]`)));
  if (typeof inputs === 'object' && inputs !== null) {
    const entries = await Promise.all(Object.entries(inputs).map(async ([key, value]) => [key, await evaluateInputs(value, document, `${field}.${key}`)] as const));
    return Object.fromEntries(entries.filter(([, value]) => value !== undefined));
  }
  return inputs;
}
