import { plural } from '../format.ts';

// Plain-text layout shared by the console report's sections.

/** Long messages (an API client's request and body) stay readable; report.json keeps all of it. */
const MAX_MESSAGE_LINES = 30;
/** Nx drops blank lines from task output off a TTY (CI), so every block starts with a FAIL/FLAKY tag instead. */
export const BODY_INDENT = 8;

export function clip(message: string): string[] {
  const lines = message.trimEnd().split('\n');
  if (lines.length <= MAX_MESSAGE_LINES) return lines;
  const rest = lines.length - MAX_MESSAGE_LINES;
  return [...lines.slice(0, MAX_MESSAGE_LINES), `… ${plural(rest, 'more line', 'more lines')} in report.json`];
}

export function indent(lines: string[], spaces: number): string[] {
  return lines.map((l) => (l ? pad(spaces) + l : l));
}

export function pad(spaces: number): string {
  return ' '.repeat(spaces);
}
