import { conditionInputsSchema, transformInputsSchema, waitInputsSchema } from '../../workspace-data/definition/step-inputs';
import { evaluate, RunDocument } from './expressions';
import { stepHandler } from './step-handler';

/** Waits shorter than this sleep in the engine; longer ones put the run aside and free the engine. */
export const IN_PLACE_WAIT_MS = 15_000;

/** `transform`: the value of a JSONata expression over the run. */
export function transformStep(document: () => RunDocument) {
  return stepHandler(transformInputsSchema, async (inputs) => ({ output: await evaluate(inputs.expression, document(), 'inputs.expression') }));
}

/** `condition`: goes to `then` when the expression is truthy, otherwise to `else` (or on, when there is none). */
export function conditionStep(document: () => RunDocument) {
  return stepHandler(conditionInputsSchema, async (inputs) => {
    const value = Boolean(await evaluate(inputs.expression, document(), 'inputs.expression'));
    return { output: { value }, next: value ? inputs.then : inputs.else };
  });
}

/** `wait`: a pause that survives the engine: long waits suspend the run until their end. */
export const waitStep = stepHandler(waitInputsSchema, async (inputs, context) => {
  const until = Number(context.progress?.until ?? context.now() + inputs.seconds * 1000);
  const left = until - context.now();
  if (left <= 0) return { output: { waitedUntil: new Date(until).toISOString() } };
  if (left > IN_PLACE_WAIT_MS) return { suspendUntil: until, progress: { until } };
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, left);
    context.signal.addEventListener('abort', () => { clearTimeout(timer); reject(context.signal.reason); }, { once: true });
  });
  return { output: { waitedUntil: new Date(until).toISOString() } };
});
