/** The form-level error, announced to screen readers as soon as it appears. */
export function FormError({ error }: { error?: string }) {
  return error ? (
    <p role="alert" className="form-error">
      {error}
    </p>
  ) : null;
}
