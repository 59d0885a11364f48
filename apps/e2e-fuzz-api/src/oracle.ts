/**
 * What every answer to hostile input must look like, as a list of broken promises (empty: fine).
 * Pure, so the failure message can say all that is wrong with one answer at once.
 */
export interface Answer {
  status: number;
  contentType: string | undefined;
  /** The body as received, before any parsing. */
  text: string;
}

/** Traces of internals: stack frames, source paths, PostgreSQL's error texts. */
const LEAKS: [string, RegExp][] = [
  ['a stack frame', /\bat [\w$.<>[\] ]+ \(?[^\s()]+:\d+:\d+\)?/],
  ['a source path', /node_modules|\/src\/[\w/.-]+\.[cm]?[jt]s\b|file:\/\//],
  [
    'SQL or a database error',
    /syntax error at or near|violates (not-null|foreign key|unique|check) constraint|duplicate key value|invalid input syntax for|invalid byte sequence for encoding|relation "[^"]*" does not exist|column "[^"]*" (does not exist|of relation)|\bSQLSTATE\b|\bselect\s.+\sfrom\s|\binsert\s+into\b|\bupdate\s+\w+\s+set\b|pg_catalog|QueryFailedError/is,
  ],
];

export function brokenPromises(answer: Answer, mustRefuse: string | undefined): string[] {
  const broken: string[] = [];
  if (answer.status >= 500) broken.push(`answered ${answer.status}: hostile input must never cause a server error`);
  else if (mustRefuse && !(answer.status >= 400 && answer.status < 500))
    broken.push(`answered ${answer.status}, but must refuse with a 4xx (${mustRefuse})`);
  if (answer.status >= 400) broken.push(...envelopeProblems(answer));
  for (const [what, pattern] of LEAKS) {
    const match = pattern.exec(answer.text);
    if (match) broken.push(`the body shows ${what}: ${JSON.stringify(match[0].slice(0, 120))}`);
  }
  return broken;
}

/**
 * The document promises every answer an operation gives: a status it does not list is a gap in
 * /openapi.json. `4XX` stands only for what the API documents under it, the refusals of the HTTP
 * layer before any route runs (a malformed request 400, too slow 408, headers too large 431), and
 * `default` only for a 500, which the first check already refuses.
 */
export function undeclaredStatus(status: number, declared: readonly string[]): string | undefined {
  if (declared.includes(String(status))) return undefined;
  if (declared.includes('4XX') && [400, 408, 431].includes(status)) return undefined;
  if (status >= 500) return undefined;
  return `answered ${status}, which /openapi.json does not declare for this operation (it lists ${declared.join(', ')})`;
}

function envelopeProblems(answer: Answer): string[] {
  if (!answer.contentType?.startsWith('application/json'))
    return [`an error answer must be JSON, got content-type ${answer.contentType ?? 'none'}`];
  let body: unknown;
  try {
    body = JSON.parse(answer.text);
  } catch {
    return ['an error answer must be JSON, and this body does not parse'];
  }
  const error = (body as { error?: Record<string, unknown> } | null)?.error;
  const missing = ['code', 'message', 'request_id'].filter(
    (key) => typeof error?.[key] !== 'string' || error[key] === '',
  );
  return missing.length > 0
    ? [`the error body must be {error:{code,message,request_id}}; missing or empty: ${missing.join(', ')}`]
    : [];
}
