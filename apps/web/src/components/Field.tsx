import { useId, type InputHTMLAttributes } from 'react';

interface FieldProps extends InputHTMLAttributes<HTMLInputElement> {
  label: string;
  name: string;
  /** The field's error from the API or the form; marks the input invalid and describes it. */
  error?: string;
  hint?: string;
}

/** A labelled input whose hint and error are announced with it (`aria-describedby`). */
export function Field({ label, error, hint, ...input }: FieldProps) {
  const id = useId();
  const described = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} aria-invalid={error ? true : undefined} aria-describedby={described} {...input} />
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

/** The API's rule for a new password (min 8), stated once for every form that sets one. */
const NEW_PASSWORD_MIN_LENGTH = 8;

/** A new-password input: the browser's password manager, the length rule and its hint. */
export function NewPasswordField({ label, name, error }: { label: string; name: string; error?: string }) {
  return (
    <Field
      label={label}
      name={name}
      type="password"
      autoComplete="new-password"
      required
      minLength={NEW_PASSWORD_MIN_LENGTH}
      hint={`At least ${NEW_PASSWORD_MIN_LENGTH} characters.`}
      error={error}
    />
  );
}
