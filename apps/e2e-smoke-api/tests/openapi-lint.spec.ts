import { fileURLToPath } from 'node:url';
import { lintFromString, loadConfig, type NormalizedProblem } from '@redocly/openapi-core';
import { fetchApiDocument } from '@streamkit/e2e-fixtures';
import { expect, test } from '@streamkit/e2e-fixtures/vitest';

// The workspace's redocly.yaml (Redocly's recommended ruleset), so `npx redocly lint <api>/openapi.json`
// by hand answers what this test does.
const REDOCLY_CONFIG = fileURLToPath(new URL('../../../redocly.yaml', import.meta.url));

test("/openapi.json passes Redocly's recommended ruleset with no error and no warning", async ({ target }) => {
  // The live document, as outside tools get it (from the target: the local stack or a deployment).
  const document = await fetchApiDocument(target.apiUrl);
  const problems = await lintFromString({
    source: JSON.stringify(document, null, 2),
    absoluteRef: `${target.apiUrl.replace(/\/+$/, '')}/openapi.json`,
    config: await loadConfig({ configPath: REDOCLY_CONFIG }),
  });
  expect(problems.map(describeProblem), `Redocly found ${problems.length} problem(s) in /openapi.json`).toEqual([]);
});

/** `severity rule at #/json/pointer: message`, the way `redocly lint` names a problem. */
function describeProblem(problem: NormalizedProblem): string {
  const where = problem.location.map((location) => location.pointer ?? '#/').join(', ');
  return `${problem.severity} ${problem.ruleId} at ${where}: ${problem.message}`;
}
