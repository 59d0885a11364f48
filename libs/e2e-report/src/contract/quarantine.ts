import { z } from 'zod';
import { InvalidResultFileError, issueProblems } from './read.ts';

/**
 * `e2e-quarantine.json` at the workspace root: tests that still run and are reported, but whose
 * failure does not fail the run until their entry expires. Written by people, read by the report
 * (an explicit input of `e2e-report:report`), so it is strict: an unknown key (`expiry` for
 * `expires`) is an error, not a silently ignored line.
 */
export const QUARANTINE_FILE = 'e2e-quarantine.json';

/** A quarantined test that passes this many runs in a row is suggested for release, unless the file says otherwise. */
export const DEFAULT_RELEASE_AFTER_PASSES = 5;

export const QuarantineEntry = z
  .strictObject({
    test: z
      .string()
      .min(1)
      .describe(
        'the test id as the report and the flake hunt spell it: `<file> > <name>`, e.g. `apps/e2e-flows-api/tests/auth.spec.ts > auth > refresh rotates`',
      ),
    owner: z.string().trim().min(1).describe('who fixes it: a person or a team'),
    reason: z.string().trim().min(1).describe('why it is quarantined: the error seen, a link to the issue'),
    expires: z.iso
      .date()
      .describe(
        '`YYYY-MM-DD` (UTC): the first day the entry no longer holds; from then on it fails the run until it is removed or moved',
      ),
  })
  .meta({ id: 'QuarantineEntry', description: 'One quarantined test.' });

export const QuarantineFile = z
  .strictObject({
    $schema: z.string().optional().describe('`./docs/quarantine.schema.json`, for editors'),
    releaseAfterPasses: z
      .int()
      .positive()
      .optional()
      .describe(
        `passes in a row after which the flake hunt suggests releasing an entry (default ${DEFAULT_RELEASE_AFTER_PASSES})`,
      ),
    tests: z
      .array(QuarantineEntry)
      .describe('the quarantined tests, each at most once')
      .superRefine((entries, ctx) => {
        const seen = new Set<string>();
        entries.forEach((entry, i) => {
          if (seen.has(entry.test))
            ctx.addIssue({ code: 'custom', path: [i, 'test'], message: `"${entry.test}" is listed twice` });
          seen.add(entry.test);
        });
      }),
  })
  .meta({
    id: 'QuarantineFile',
    title: 'E2E quarantine',
    description: 'e2e-quarantine.json: tests whose failure does not fail the run until their entry expires.',
  });

export type QuarantineEntry = z.infer<typeof QuarantineEntry>;
export type QuarantineFile = z.infer<typeof QuarantineFile>;

/** The id a quarantine entry names a test by: its file and full name, as the results spell them. */
export function testId(test: { file: string; name: string }): string {
  return `${test.file} > ${test.name}`;
}

/**
 * Parses the text of a quarantine file.
 * @throws InvalidResultFileError naming the file and every wrong field by its path.
 */
export function parseQuarantine(text: string, source: string): QuarantineFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InvalidResultFileError(source, 'quarantine file', [`not JSON: ${(error as Error).message}`]);
  }
  const parsed = QuarantineFile.safeParse(value);
  if (!parsed.success) throw new InvalidResultFileError(source, 'quarantine file', issueProblems(parsed.error));
  return parsed.data;
}
