import { useState } from 'react';

/** The subset of JSON Schema (2020-12) that zod's toJSONSchema writes for step inputs. */
export interface JsonSchema {
  readonly type?: string | string[];
  readonly properties?: Record<string, JsonSchema>;
  readonly required?: string[];
  readonly enum?: unknown[];
  readonly const?: unknown;
  readonly default?: unknown;
  readonly description?: string;
  readonly items?: JsonSchema;
  readonly oneOf?: JsonSchema[];
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
}

type Value = Record<string, unknown>;

interface SchemaFormProps {
  readonly schema: JsonSchema;
  readonly value: Value;
  readonly onChange: (value: Value) => void;
  /** Errors by field path under this form (`url`, `credential.name`), shown on their field. */
  readonly errors: Record<string, string>;
  /** Makes the inputs' IDs unique on the page. */
  readonly idPrefix: string;
}

/** Free text fields that read better in a text area. */
const LONG_FIELDS = new Set(['text', 'message', 'prompt', 'system', 'expression', 'description', 'body']);

/**
 * A form for a step's inputs drawn from its JSON Schema: a select for enums and for the operation of a
 * connector, text for strings and numbers (either may hold a `{% %}` expression, which the API checks),
 * a checkbox for booleans, one line per item for lists of strings, and JSON for everything else.
 */
export function SchemaForm({ schema, value, onChange, errors, idPrefix }: SchemaFormProps) {
  if (schema.oneOf) return <OperationForm {...{ schema, value, onChange, errors, idPrefix }} />;
  const required = new Set(schema.required ?? []);
  return (
    <div className="schema-form">
      {Object.entries(schema.properties ?? {}).filter(([, field]) => field.const === undefined).map(([name, field]) => (
        <Field
          key={name} name={name} schema={field} required={required.has(name)} value={value[name]}
          error={errorFor(errors, name)} id={`${idPrefix}-${name}`}
          onChange={(next) => onChange(withField(value, name, next))}
        />
      ))}
    </div>
  );
}

/** A connector's inputs: the operation first, then the fields of that operation. */
function OperationForm({ schema, value, onChange, errors, idPrefix }: SchemaFormProps) {
  const options = schema.oneOf!;
  const operations = options.map((option) => String(option.properties?.operation?.const));
  const current = options[Math.max(0, operations.indexOf(String(value.operation)))];
  const choose = (operation: string) => {
    const option = options[operations.indexOf(operation)];
    const kept = Object.fromEntries(Object.entries(value).filter(([name]) => name in (option.properties ?? {})));
    onChange({ ...kept, operation });
  };
  return (
    <>
      <div className="field">
        <label htmlFor={`${idPrefix}-operation`}>Operation</label>
        <select id={`${idPrefix}-operation`} value={String(value.operation ?? operations[0])} onChange={(event) => choose(event.target.value)}>
          {operations.map((operation) => <option key={operation} value={operation}>{operation}</option>)}
        </select>
      </div>
      <SchemaForm schema={current} value={{ ...value, operation: current.properties?.operation?.const }} onChange={onChange} errors={errors} idPrefix={idPrefix} />
    </>
  );
}

interface FieldProps {
  readonly name: string;
  readonly schema: JsonSchema;
  readonly required: boolean;
  readonly value: unknown;
  readonly error?: string;
  readonly id: string;
  readonly onChange: (value: unknown) => void;
}

function Field({ name, schema, required, value, error, id, onChange }: FieldProps) {
  const kind = fieldKind(schema);
  const describedBy = [error ? `${id}-error` : '', schema.description ? `${id}-help` : ''].filter(Boolean).join(' ') || undefined;
  const common = { id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy, 'aria-required': required || undefined };
  const placeholder = schema.default === undefined ? undefined : `default: ${typeof schema.default === 'string' ? schema.default : JSON.stringify(schema.default)}`;
  let control;
  if (kind === 'boolean') {
    control = <input type="checkbox" {...common} checked={value === true} onChange={(event) => onChange(event.target.checked || undefined)} />;
  } else if (kind === 'enum') {
    control = (
      <select {...common} value={value === undefined ? '' : String(value)} onChange={(event) => onChange(event.target.value || undefined)}>
        {!required || value === undefined ? <option value="">{placeholder ?? '(none)'}</option> : null}
        {value !== undefined && !schema.enum!.includes(value) && <option value={String(value)}>{String(value)} (not a choice)</option>}
        {schema.enum!.map((option) => <option key={String(option)} value={String(option)}>{String(option)}</option>)}
      </select>
    );
  } else if (kind === 'lines') {
    control = <textarea {...common} rows={3} value={Array.isArray(value) ? value.join('\n') : typeof value === 'string' ? value : ''} placeholder="one per line, or a {% %} expression" onChange={(event) => onChange(linesValue(event.target.value))} />;
  } else if (kind === 'json') {
    control = <JsonField common={common} value={value} onChange={onChange} />;
  } else {
    const text = value === undefined ? '' : typeof value === 'string' ? value : String(value);
    const update = (raw: string) => onChange(kind === 'number' ? numberValue(raw) : raw === '' ? undefined : raw);
    control = LONG_FIELDS.has(name) || (schema.maxLength ?? 0) > 2048
      ? <textarea {...common} rows={3} value={text} placeholder={placeholder} onChange={(event) => update(event.target.value)} />
      : <input {...common} type="text" inputMode={kind === 'number' ? 'decimal' : undefined} value={text} placeholder={placeholder} onChange={(event) => update(event.target.value)} />;
  }
  return (
    <div className={`field${kind === 'boolean' ? ' checkbox' : ''}`}>
      <label htmlFor={id}>{humanize(name)}{required && <span aria-hidden="true"> *</span>}</label>
      {control}
      {schema.description && <small id={`${id}-help`}>{schema.description}</small>}
      {error && <p id={`${id}-error`} className="field-error">{error}</p>}
    </div>
  );
}

/** Any JSON value, edited as text; it reaches the step once it parses. */
function JsonField({ common, value, onChange }: { common: Record<string, unknown>; value: unknown; onChange: (value: unknown) => void }) {
  const [text, setText] = useState(value === undefined ? '' : JSON.stringify(value, null, 2));
  const [invalid, setInvalid] = useState(false);
  return (
    <>
      <textarea {...common} className="code" rows={4} value={text} onChange={(event) => {
        setText(event.target.value);
        if (event.target.value.trim() === '') { setInvalid(false); onChange(undefined); return; }
        try { onChange(JSON.parse(event.target.value)); setInvalid(false); } catch { setInvalid(true); }
      }} />
      {invalid && <p className="field-error" role="status">Not JSON yet: the step keeps the last value that parsed.</p>}
    </>
  );
}

function fieldKind(schema: JsonSchema): 'boolean' | 'enum' | 'number' | 'text' | 'lines' | 'json' {
  if (schema.enum) return 'enum';
  if (schema.type === 'boolean') return 'boolean';
  if (schema.type === 'integer' || schema.type === 'number') return 'number';
  if (schema.type === 'string') return 'text';
  if (schema.type === 'array' && schema.items?.type === 'string' && !schema.items.enum) return 'lines';
  return 'json';
}

/** A number when the text is one; otherwise the text itself (an expression, or a mistake the API names). */
function numberValue(raw: string): unknown {
  const trimmed = raw.trim();
  if (trimmed === '') return undefined;
  return /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : raw;
}

function linesValue(raw: string): unknown {
  if (raw.trim().startsWith('{%')) return raw;
  const lines = raw.split('\n').map((line) => line.trim()).filter(Boolean);
  return lines.length ? lines : undefined;
}

function withField(value: Value, name: string, next: unknown): Value {
  const { [name]: _previous, ...rest } = value;
  return next === undefined ? rest : { ...rest, [name]: next };
}

/** The error on a field or inside it (`alertIds.3` shows on alertIds). */
function errorFor(errors: Record<string, string>, name: string): string | undefined {
  return Object.entries(errors).find(([path]) => path === name || path.startsWith(`${name}.`))?.[1];
}

const ACRONYMS: Record<string, string> = { url: 'URL', id: 'ID', ids: 'IDs', cve: 'CVE', cvss: 'CVSS', ts: 'timestamp' };

/** `expectStatus` → "Expect status", `baseUrl` → "Base URL". */
export function humanize(name: string): string {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(' ').map((word) => ACRONYMS[word] ?? word);
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
