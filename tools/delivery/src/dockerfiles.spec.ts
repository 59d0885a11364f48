import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { envNames, parseDockerfile, stagesOf, type Stage } from './dockerfile.ts';
import { WORKSPACE } from './workspace.ts';

/**
 * hadolint cannot be installed here (no Debian or npm package that does not download a binary),
 * so the rules that matter for these images are checked directly.
 */
const DIR = join(WORKSPACE, 'docker');
const files = readdirSync(DIR)
  .filter((f) => f.endsWith('.Dockerfile'))
  .sort();
const read = (file: string) => stagesOf(parseDockerfile(readFileSync(join(DIR, file), 'utf8')));
const rootPackage = JSON.parse(readFileSync(join(WORKSPACE, 'package.json'), 'utf8')) as {
  devDependencies: Record<string, string>;
  engines: { node: string };
};

/** The workspace's apps under test: every project tagged type:app (api, storage, web, worker…). */
const appsUnderTest = readdirSync(join(WORKSPACE, 'apps')).filter((dir) => {
  const file = join(WORKSPACE, 'apps', dir, 'package.json');
  if (!existsSync(file)) return false;
  const pkg = JSON.parse(readFileSync(file, 'utf8')) as { nx?: { tags?: string[] } };
  return pkg.nx?.tags?.includes('type:app');
});

const finalStage = (stages: Stage[]) => stages.at(-1)!;
const lastOf = (stage: Stage, keyword: string) => stage.instructions.filter((i) => i.keyword === keyword).at(-1);
const isStageName = (stages: Stage[], from: string) => stages.some((s) => s.name === from);

describe('Dockerfiles', () => {
  it('exist for every app under test and for the e2e runner', () => {
    expect(appsUnderTest.length).toBeGreaterThanOrEqual(3);
    for (const app of [...appsUnderTest, 'e2e-runner']) expect(files, app).toContain(`${app}.Dockerfile`);
  });

  it.each(files)('%s: pins every base image to a version, never latest', (file) => {
    const stages = read(file);
    for (const { from } of stages) {
      if (isStageName(stages, from)) continue;
      expect(from, file).toMatch(/^[a-z0-9./-]+:v?\d+\.\d+(\.\d+)?(-[\w.-]+)?$/);
    }
  });

  it.each(files)('%s: is multi-stage and runs as a non-root user', (file) => {
    const stages = read(file);
    expect(stages.length, 'stages').toBeGreaterThanOrEqual(2);
    const user = lastOf(finalStage(stages), 'USER')?.args;
    expect(user, 'USER in the final stage').toBeTruthy();
    expect(user).not.toMatch(/^(root|0)(:|$)/);
  });

  it.each(files)('%s: keeps secrets out of ENV and ARG', (file) => {
    for (const stage of read(file)) {
      for (const instruction of stage.instructions.filter((i) => ['ENV', 'ARG'].includes(i.keyword))) {
        for (const name of envNames(instruction))
          expect(name, `${file}:${instruction.line}`).not.toMatch(/SECRET|PASSWORD|TOKEN|_KEY$|WEBHOOK/);
      }
    }
  });

  it.each(files.filter((f) => f !== 'e2e-runner.Dockerfile'))(
    '%s: has a HEALTHCHECK and installs only production dependencies',
    (file) => {
      const stage = finalStage(read(file));
      expect(lastOf(stage, 'HEALTHCHECK')?.args, 'HEALTHCHECK').toMatch(/^(--\S+\s+)*CMD /);
      for (const run of stage.instructions.filter((i) => i.keyword === 'RUN' && /npm (ci|install)/.test(i.args))) {
        expect(run.args, `${file}:${run.line}`).toContain('--omit=dev');
      }
    },
  );

  it('e2e-runner: Playwright’s own image at the Playwright version the workspace pins, results on a volume', () => {
    const stages = read('e2e-runner.Dockerfile');
    const playwright = rootPackage.devDependencies['@playwright/test'];
    expect(finalStage(stages).from).toBe(`mcr.microsoft.com/playwright:v${playwright}-noble`);
    const env = finalStage(stages)
      .instructions.filter((i) => i.keyword === 'ENV')
      .map((i) => i.args)
      .join(' ');
    expect(env).toContain('E2E_TARGET=external');
    expect(env).toContain('E2E_RESULTS_DIR=/results');
    expect(lastOf(finalStage(stages), 'VOLUME')?.args).toBe('/results');
    expect(lastOf(finalStage(stages), 'ENTRYPOINT')?.args).toContain('tools/scripts/run-e2e.sh');
  });

  it('use one Node version everywhere, one the workspace supports', () => {
    const nodeImages = new Set(
      files.flatMap((f) =>
        read(f)
          .map((s) => s.from)
          .filter((from) => from.startsWith('node:')),
      ),
    );
    expect(nodeImages.size).toBe(1);
    const [major, minor] = [...nodeImages][0]!.slice('node:'.length).split('.').map(Number);
    const [, minMajor, minMinor] = rootPackage.engines.node.match(/(\d+)\.(\d+)/)!.map(Number);
    expect(major! > minMajor! || (major === minMajor && minor! >= minMinor!)).toBe(true);
  });

  it.each(files)('%s: copies only files that exist in the workspace', (file) => {
    for (const stage of read(file)) {
      for (const copy of stage.instructions.filter((i) => i.keyword === 'COPY' && !i.args.includes('--from='))) {
        const sources = copy.args
          .split(/\s+/)
          .filter((a) => !a.startsWith('--'))
          .slice(0, -1);
        for (const source of sources)
          expect(existsSync(join(WORKSPACE, source)), `${file}:${copy.line} ${source}`).toBe(true);
      }
    }
  });
});
