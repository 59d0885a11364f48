import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/client';

type Values = Record<string, string>;

/** A problem the form finds before calling the API, shown like an API field error. */
export class FieldProblem extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Submit handling for a form that calls the API: the form's values as strings, a pending flag,
 * and the API's error message and per-field messages to show.
 */
export function useApiForm(submit: (values: Values) => Promise<void>) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();
  const [fields, setFields] = useState<Record<string, string>>({});

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const values = Object.fromEntries(new FormData(event.currentTarget)) as Values;
    setPending(true);
    setError(undefined);
    setFields({});
    try {
      await submit(values);
    } catch (problem) {
      if (problem instanceof ApiError) {
        setError(problem.message);
        setFields(problem.fields);
      } else if (problem instanceof FieldProblem) {
        setFields({ [problem.field]: problem.message });
      } else {
        setError('Something went wrong. Try again.');
      }
    } finally {
      setPending(false);
    }
  }

  return { onSubmit, pending, error, fields };
}
