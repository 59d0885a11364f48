import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { phasePolicy } from '@streamkit/e2e-report/policy';
import { WORKSPACE } from './workspace.ts';

/** Every phase project: apps/e2e-* with a package.json. */
const phases = readdirSync(join(WORKSPACE, 'apps')).filter(
  (dir) => dir.startsWith('e2e-') && existsSync(join(WORKSPACE, 'apps', dir, 'package.json')),
);
const read = (path: string) => readFileSync(join(WORKSPACE, path), 'utf8');

describe('the docs', () => {
  it.each(phases)(
    '%s has a README that says how to run it alone and states the budget the policy gives it',
    (phase) => {
      const file = `apps/${phase}/README.md`;
      expect(existsSync(join(WORKSPACE, file)), file).toBe(true);
      const text = read(file);
      expect(text).toContain(`npx nx run ${phase}:e2e`);
      for (const section of ['## What it covers', '## Run it alone', '## Add a test', '## Budget'])
        expect(text).toContain(section);
      const stated = Number(text.match(/\*\*Budget: (\d+(?:\.\d+)?) s\*\*/)?.[1]);
      expect(stated, `${file} budget vs libs/e2e-report/src/policy/policy.ts`).toBe(
        phasePolicy(phase, {}).budgetMs / 1000,
      );
    },
  );

  it('name, in each phase README, only test files that exist', () => {
    for (const phase of phases) {
      const named = [...read(`apps/${phase}/README.md`).matchAll(/`([\w.-]+\.spec\.ts)`/g)].map((m) => m[1]!);
      for (const file of new Set(named))
        expect(existsSync(join(WORKSPACE, 'apps', phase, 'tests', file)), `${phase}: ${file}`).toBe(true);
    }
  });

  it('include the plugin README and a runbook with every section the team looks things up by', () => {
    expect(read('tools/e2e-plugin/README.md')).toContain('## The `phase` generator');
    const runbook = read('docs/e2e-runbook.md');
    for (const heading of [
      '## Running it locally',
      '## Running in CI',
      '## Reading the report',
      '### The stack did not boot',
      '### A phase says "not run"',
      '### A test is flaky',
      '### A port is taken',
      '### Chromium is missing',
      '## Adding a phase',
      '## Quarantining a flaky test',
      '## Running against staging',
    ]) {
      expect(runbook, heading).toContain(`\n${heading}\n`);
    }
  });
});
