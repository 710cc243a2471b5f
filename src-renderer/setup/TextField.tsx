import type { InputHTMLAttributes } from 'react';

export interface TextFieldProps {
  id: string;
  label: string;
  hint?: string;
  /** Shown under the field, which is then marked invalid. */
  error?: string | null;
  value: string;
  onChange(value: string): void;
  input?: Omit<
    InputHTMLAttributes<HTMLInputElement>,
    'id' | 'value' | 'onChange' | 'aria-describedby' | 'aria-invalid'
  >;
}

/** A labelled text field with its hint and its error, both tied to it for screen readers. */
export function TextField(props: TextFieldProps) {
  const hintId = props.hint ? `${props.id}-hint` : null;
  const errorId = props.error ? `${props.id}-error` : null;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className="setup-field">
      <label htmlFor={props.id} className="setup-field__label">
        {props.label}
      </label>
      <input
        id={props.id}
        className="setup-field__input"
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
        aria-describedby={describedBy}
        aria-invalid={props.error ? true : undefined}
        autoComplete="off"
        spellCheck={false}
        {...props.input}
      />
      {props.hint && (
        <p id={hintId ?? undefined} className="setup-field__hint">
          {props.hint}
        </p>
      )}
      {props.error && (
        <p id={errorId ?? undefined} className="setup-field__error">
          {props.error}
        </p>
      )}
    </div>
  );
}
