import stepKinds from 'virtual:step-kinds';
import type { DraftStep } from './draft';
import { JsonSchema, SchemaForm } from './json-schema-form';
import { TextField } from '../components/TextField';

interface StepPanelProps {
  readonly index: number;
  readonly step: DraftStep;
  /** Every step of the bot, for the "next step" choice. */
  readonly steps: DraftStep[];
  /** Errors by path inside the step (`id`, `inputs.url`). */
  readonly errors: Record<string, string>;
  readonly onChange: (step: DraftStep) => void;
}

/** One step: its ID, name and flow (next, end, retries, time limit), and the inputs form of its kind. */
export function StepPanel({ index, step, steps, errors, onChange }: StepPanelProps) {
  const kind = stepKinds.find((entry) => entry.kind === step.kind);
  const id = (field: string) => `step-${index}-${field}`;
  const set = (change: Partial<DraftStep>) => {
    const next = { ...step, ...change } as Record<string, unknown>;
    for (const key of Object.keys(change)) if (next[key] === undefined) delete next[key];
    onChange(next as DraftStep);
  };
  const inputErrors = Object.fromEntries(Object.entries(errors).filter(([path]) => path.startsWith('inputs.')).map(([path, message]) => [path.slice('inputs.'.length), message]));
  return (
    <section aria-labelledby={id('title')} className="step-panel">
      <h2 id={id('title')}>Step {index + 1}: {kind?.title ?? step.kind}</h2>
      {kind && <p className="meta">{kind.summary}</p>}
      <div className="step-envelope">
        <TextField id={id('id')} label="Step ID" value={step.id} error={errors.id} onChange={(value) => set({ id: value })} help="What other steps and expressions call it: steps.<ID>" />
        <TextField id={id('name')} label="Display name" value={step.name ?? ''} error={errors.name} onChange={(value) => set({ name: value || undefined })} />
        <div className="field">
          <label htmlFor={id('next')}>Next step</label>
          <select id={id('next')} value={step.next ?? ''} aria-invalid={errors.next ? true : undefined} onChange={(event) => set({ next: event.target.value || undefined })}>
            <option value="">the next in the list</option>
            {steps.filter((other) => other.id !== step.id).map((other) => <option key={other.id} value={other.id}>{other.id}</option>)}
          </select>
          {errors.next && <p className="field-error">{errors.next}</p>}
        </div>
        <div className="field checkbox">
          <label htmlFor={id('end')}>The run ends after this step</label>
          <input id={id('end')} type="checkbox" checked={step.end === true} onChange={(event) => set({ end: event.target.checked ? true : undefined })} />
          {errors.end && <p className="field-error">{errors.end}</p>}
        </div>
        <TextField id={id('timeoutSeconds')} label="Attempt time limit (seconds)" value={step.timeoutSeconds?.toString() ?? ''} placeholder="default: 30" error={errors.timeoutSeconds}
          onChange={(value) => set({ timeoutSeconds: value ? Number(value) : undefined })} />
        <TextField id={id('retry')} label="Attempts in all" value={step.retry?.maxAttempts?.toString() ?? ''} placeholder="default: 3 for calls, 1 for logic" error={errors['retry.maxAttempts'] ?? errors.retry}
          onChange={(value) => set({ retry: value ? { ...step.retry, maxAttempts: Number(value) } as DraftStep['retry'] : undefined })} />
      </div>
      <fieldset>
        <legend>Inputs</legend>
        {kind
          ? <SchemaForm schema={kind.inputs as JsonSchema} value={step.inputs} errors={inputErrors} idPrefix={id('inputs')} onChange={(inputs) => set({ inputs })} />
          : <p className="field-error">No step kind is called {step.kind}; choose one from the palette.</p>}
        {errors.inputs && <p className="field-error">{errors.inputs}</p>}
        {errors.kind && <p className="field-error">{errors.kind}</p>}
      </fieldset>
    </section>
  );
}
