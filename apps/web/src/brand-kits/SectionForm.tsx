import type { FormEvent, ReactNode } from 'react';
import { FormError } from '../components/FormError';

interface SectionFormProps {
  title: string;
  onSubmit: (event: FormEvent) => void;
  pending: boolean;
  saved: boolean;
  error?: string;
  children: ReactNode;
}

/** One section of the kit editor: its heading, fields, the API's error, and a save button. */
export function SectionForm({ title, onSubmit, pending, saved, error, children }: SectionFormProps) {
  const id = `section-${title.toLowerCase().replace(/\W+/g, '-')}`;
  return (
    <section className="kit-section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <form onSubmit={onSubmit} noValidate>
        <FormError error={error} />
        {children}
        <div className="section-actions">
          <button type="submit" className="button primary" disabled={pending}>
            Save {title.toLowerCase()}
          </button>
          <span role="status" className="muted">
            {saved ? 'Saved.' : ''}
          </span>
        </div>
      </form>
    </section>
  );
}

/** A field's error under it, linked for screen readers by `id`. */
export function FieldMessage({ id, error }: { id: string; error?: string }) {
  return error ? (
    <p id={id} className="field-error">
      {error}
    </p>
  ) : null;
}
