import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem, lintWorkflow, workflowFiles } from './actionlint.ts';

const files = workflowFiles();

describe('GitHub workflows', () => {
  it('include the deploy gate and the e2e suite', () => {
    expect(files.map((f) => basename(f))).toEqual(expect.arrayContaining(['deploy.yml', 'e2e.yml']));
  });

  it.each(files.map((f) => [basename(f), f]))('%s is clean for actionlint', async (_name, file) => {
    expect((await lintWorkflow(file)).map(formatProblem)).toEqual([]);
  });

  it('would catch a broken workflow (the linter really runs)', async () => {
    const root = mkdtempSync(join(tmpdir(), 'actionlint-'));
    try {
      mkdirSync(join(root, '.github/workflows'), { recursive: true });
      const file = join(root, '.github/workflows/broken.yml');
      writeFileSync(
        file,
        'on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo ${{ github.nope }}\n',
      );
      expect((await lintWorkflow(file, root)).map((p) => p.kind)).toContain('expression');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
