import type { z } from 'zod';

/** A result file that is not what its schema says; `problems` lists every wrong field by path. */
export class InvalidResultFileError extends Error {
  // Plain fields, not parameter properties: Node's own TypeScript stripping rejects those.
  readonly source: string;
  readonly problems: string[];

  constructor(source: string, what: string, problems: string[]) {
    super(`${source} is not a valid ${what}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'InvalidResultFileError';
    this.source = source;
    this.problems = problems;
  }
}

/**
 * Parses `text` with `schema`. A file of another schema version is rejected with that one
 * problem: a different writer may have changed meanings, so listing its fields would be noise.
 */
export function readResultFile<S extends z.ZodType>(
  schema: S,
  version: number,
  text: string,
  source: string,
  what: string,
): z.infer<S> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InvalidResultFileError(source, what, [`not JSON: ${(error as Error).message}`]);
  }
  const problems = schemaProblems(schema, version, value);
  if (problems.length > 0) throw new InvalidResultFileError(source, what, problems);
  return schema.parse(value);
}

/** Every way `value` differs from `schema`, as `path: what is wrong`; empty when it matches. */
export function schemaProblems(schema: z.ZodType, version: number, value: unknown): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return [`expected an object, got ${show(value)}`];
  const written = (value as { schemaVersion?: unknown }).schemaVersion;
  if (written !== version) {
    return [
      `schemaVersion: expected ${version}, got ${show(written)} (written by a different version of @streamkit/e2e-report)`,
    ];
  }
  const parsed = schema.safeParse(value);
  return parsed.success ? [] : issueProblems(parsed.error);
}

/** A zod error as `path: what is wrong` lines. */
export function issueProblems(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${pathText(issue.path)}: ${issue.message}`);
}

function pathText(path: readonly PropertyKey[]): string {
  return (
    path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`)).join('') ||
    '(root)'
  );
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  return 'an object';
}
