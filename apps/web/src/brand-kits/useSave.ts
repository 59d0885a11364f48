import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/client';

/**
 * Saving one section of a brand kit: pending, the API's message and per-field messages (422),
 * and a "saved" flag the form announces. `save` does the request; its errors are shown, not thrown.
 */
export function useSave(save: () => Promise<void>) {
  const [pending, setPending] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string>();
  const [fields, setFields] = useState<Record<string, string>>({});

  async function onSubmit(event?: FormEvent) {
    event?.preventDefault();
    setPending(true);
    setSaved(false);
    setError(undefined);
    setFields({});
    try {
      await save();
      setSaved(true);
    } catch (problem) {
      setError(problem instanceof ApiError ? problem.message : 'Something went wrong. Try again.');
      if (problem instanceof ApiError) setFields(problem.fields);
    } finally {
      setPending(false);
    }
  }

  return { onSubmit, pending, saved, error, fields };
}
