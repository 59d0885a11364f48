export interface PollOptions {
  /** Errors of this class end the polling at once instead of being retried. */
  fatal?: new (...args: never[]) => Error;
  timeoutMs?: number;
  intervalMs?: number;
  /** What to do about it, appended to the timeout error. */
  hint?: string;
}

/**
 * Calls `probe` until it returns a value other than undefined/false, or the deadline passes.
 * The timeout error says what was awaited and the last value or error seen.
 */
export async function pollUntil<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  { timeoutMs = 10_000, intervalMs = 100, hint, fatal }: PollOptions = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown = 'nothing yet';
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
      last = value;
    } catch (error) {
      if (fatal && error instanceof fatal) throw error;
      last = error instanceof Error ? `error: ${error.message}` : error;
    }
    if (Date.now() >= deadline) break;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  const seen = typeof last === 'string' ? last : JSON.stringify(last);
  throw new Error(
    `Timed out after ${timeoutMs / 1000} s waiting for ${what}; last seen: ${seen}${hint ? `\n${hint}` : ''}`,
  );
}
