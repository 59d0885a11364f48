import { describe, expect, it } from 'vitest';
import { defaultHardTimeout, failOnFlaky, isCi, PHASE_POLICIES, phasePolicy } from './policy.ts';

describe('phasePolicy', () => {
  it('gives each listed phase its budget from the design table and a hard timeout of 3 × budget + 30 s', () => {
    expect(phasePolicy('e2e-health', {})).toEqual({
      phase: 'e2e-health',
      budgetMs: 10_000,
      hardTimeoutMs: 60_000,
      setupTimeoutMs: 150_000,
      retries: 0,
      failOnFlaky: false,
    });
    expect(phasePolicy('e2e-flows-ui', {})).toMatchObject({ budgetMs: 60_000, hardTimeoutMs: 210_000 });
    expect(phasePolicy('e2e-fuzz-api', {})).toMatchObject({ budgetMs: 30_000, testTimeoutMs: 60_000 });
    expect(Object.keys(PHASE_POLICIES).sort()).toEqual([
      'e2e-database',
      'e2e-flows-api',
      'e2e-flows-ui',
      'e2e-fuzz-api',
      'e2e-health',
      'e2e-smoke-api',
      'e2e-smoke-ui',
    ]);
  });

  it('sets a test timeout only for a phase whose entry has one, leaving the runner default otherwise', () => {
    expect('testTimeoutMs' in phasePolicy('e2e-health', {})).toBe(false);
    expect(phasePolicy('e2e-fuzz-api', {}).testTimeoutMs).toBe(60_000);
  });

  it('has a default for a phase it does not list, so a generated phase works without an entry', () => {
    expect(phasePolicy('e2e-brand-new', {})).toMatchObject({
      phase: 'e2e-brand-new',
      budgetMs: 30_000,
      hardTimeoutMs: defaultHardTimeout(30_000),
      retries: 0,
    });
  });

  it('retries twice in CI and never locally; flaky tests fail the run only with E2E_FAIL_ON_FLAKY', () => {
    expect(phasePolicy('e2e-health', { CI: 'true' }).retries).toBe(2);
    expect(phasePolicy('e2e-health', { CI: '1', E2E_FAIL_ON_FLAKY: '1' })).toMatchObject({
      retries: 2,
      failOnFlaky: true,
    });
    expect(phasePolicy('e2e-health', { CI: 'false', E2E_FAIL_ON_FLAKY: '0' })).toMatchObject({
      retries: 0,
      failOnFlaky: false,
    });
  });

  it.each([
    [undefined, false],
    ['', false],
    ['0', false],
    ['false', false],
    ['No', false],
    ['1', true],
    ['true', true],
    ['YES', true],
    [' 0 ', false],
    [' False\n', false],
  ])('reads %j as %s', (value, on) => {
    expect(isCi({ CI: value })).toBe(on);
    expect(failOnFlaky({ E2E_FAIL_ON_FLAKY: value })).toBe(on);
  });
});
