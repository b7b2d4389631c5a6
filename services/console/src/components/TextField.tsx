/** Props of a one-line text input with its label, help and the API's error about it. */
export interface TextFieldProps {
  readonly id: string;
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  /** The refusal to show under the input, read by screen readers with it. Default: none. */
  readonly error?: string;
  /** A line of guidance under the input. Default: none. */
  readonly help?: string;
  /** Marks the field required for people and assistive technology. Default: false. */
  readonly required?: boolean;
  readonly placeholder?: string;
}

export function TextField({ id, label, value, onChange, error, help, required, placeholder }: TextFieldProps) {
  const describedBy = [error ? `${id}-error` : '', help ? `${id}-help` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}{required && <span aria-hidden="true"> *</span>}</label>
      <input id={id} type="text" value={value} placeholder={placeholder} aria-required={required || undefined} aria-invalid={error ? true : undefined} aria-describedby={describedBy} onChange={(event) => onChange(event.target.value)} />
      {help && <small id={`${id}-help`}>{help}</small>}
      {error && <p id={`${id}-error`} className="field-error">{error}</p>}
    </div>
  );
}
