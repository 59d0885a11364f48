import fc from 'fast-check';
import { inject } from 'vitest';
import { createApiClient, createUsersFixture, describeExchange, fetchApiDocument } from '@streamkit/e2e-fixtures';
import { describe, expect, test as phaseTest } from '@streamkit/e2e-fixtures/vitest';
import { caseBodyText, caseUrl, fuzzCases, type FuzzCase } from '../src/cases.ts';
import { changedTables, userRowsFingerprinter } from '../src/db-fingerprint.ts';
import { brokenPromises, undeclaredStatus } from '../src/oracle.ts';
import { fuzzOperations, type FuzzOperation } from '../src/operations.ts';
import { fuzzSettings, operationSeed } from '../src/settings.ts';

// Generated from the live /openapi.json when the file is collected: an operation is fuzzed the
// day it is in the document.
const { apiUrl } = inject('target');
const operations = fuzzOperations(await fetchApiDocument(apiUrl));
const settings = fuzzSettings();
// Not recorded for coverage: like the auth sweep, the fuzzer reaches every operation by construction.
const client = createApiClient(apiUrl, { recordRequests: false });

// The caller (signed in, owns nothing the cases name) and the owner (whose ids the cases try)
// serve every operation of this file: no case may change their rows, so sharing them is safe.
const test = phaseTest.extend('actors', { scope: 'file' }, async ({ api, db }, { onCleanup }) => {
  const users = createUsersFixture({ api, db });
  onCleanup(() => users.cleanup());
  const [caller, owner] = await Promise.all([users.create(), users.create()]);
  const fingerprints = await userRowsFingerprinter(db);
  return { caller, owner, fingerprints, ownersIds: await fingerprints.ids([owner.id]) };
});

describe('hostile input, generated from /openapi.json: refused with a 4xx and a JSON error, no leak, nothing changed', () => {
  test('the document lists operations to fuzz', () => {
    expect(operations.length).toBeGreaterThan(0);
  });

  test.for(operations)('$method $path', async (operation, { actors }) => {
    const { caller, owner, fingerprints, ownersIds } = actors;
    const actorIds = [caller.id, owner.id];
    // Their rows as the last request left them: one query per case, not two.
    let before = await fingerprints.take(actorIds);
    const property = fc.asyncProperty(fuzzCases(operation, ownersIds), async (fuzzCase) => {
      const response = await send(operation, fuzzCase, caller.accessToken);
      const after = await fingerprints.take(actorIds);
      const problems = brokenPromises(
        {
          status: response.status,
          contentType: response.headers['content-type'] as string | undefined,
          text: response.data as string,
        },
        fuzzCase.mustRefuse,
      );
      const undeclared = undeclaredStatus(response.status, operation.responses);
      if (undeclared) problems.push(undeclared);
      if (response.status >= 400) {
        const changed = changedTables(before, after);
        if (changed.length > 0) problems.push(`refused, yet the rows of ${changed.join(', ')} changed`);
      }
      before = after;
      if (problems.length > 0) throw new Error([...problems, shorten(describeExchange(response))].join('\n'));
    });
    const seed = operationSeed(settings.seed, `${operation.method} ${operation.path}`);
    const details = await fc.check(property, {
      seed,
      numRuns: settings.runs,
      ...(settings.path ? { path: settings.path } : {}),
    });
    if (details.failed) throw new Error(replayMessage(operation, details));
  });
});

function send(operation: FuzzOperation, fuzzCase: FuzzCase, accessToken: string) {
  const { caller } = fuzzCase;
  const authorization =
    caller.kind === 'signed-in' ? `Bearer ${accessToken}` : caller.kind === 'forged' ? caller.authorization : undefined;
  const body = caseBodyText(fuzzCase);
  return client.request({
    method: operation.method,
    url: caseUrl(operation, fuzzCase),
    headers: {
      ...(authorization ? { authorization } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    data: body,
    // The body goes out exactly as generated, and comes back as text for the leak check.
    transformRequest: [(data: unknown) => data],
    transformResponse: [(data: unknown) => data],
    responseType: 'text',
    maxBodyLength: Infinity,
  });
}

/** fast-check's report (seed, path, shrunk counterexample, the error) and the command that replays it. */
function replayMessage(operation: FuzzOperation, details: fc.RunDetails<[FuzzCase]>): string {
  const replay = `E2E_FUZZ_SEED=${settings.seed} E2E_FUZZ_PATH=${details.counterexamplePath ?? ''} E2E_FUZZ_RUNS=${settings.runs} npx nx run e2e-fuzz-api:e2e --skip-nx-cache -- -t '${operation.method} ${operation.path}'`;
  const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
  return [
    `${operation.method} ${operation.path} (${operation.id}): hostile input broke a promise`,
    error,
    fc.defaultReportMessage(details) ?? '',
    `Replay: ${replay}`,
  ].join('\n');
}

/** A huge generated value would bury the message: long lines keep their start and say how long they were. */
function shorten(text: string): string {
  return text
    .split('\n')
    .map((line) => (line.length > 300 ? `${line.slice(0, 300)}… (${line.length} characters)` : line))
    .join('\n');
}
