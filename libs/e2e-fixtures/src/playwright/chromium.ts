import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { chromium } from '@playwright/test';

/** Flags for a headless Chromium in a container: no sandbox (root), no GPU, no background traffic. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * First the headless shell (Debian's `chromium-headless-shell`): the same Blink without the
 * browser around it, the build Playwright itself runs headless tests in. A page load costs it
 * about a third of the CPU the full browser's headless mode does (measured here: 16 fresh
 * contexts, 3.3 s of CPU against 8.5 s), and the UI phases are CPU-bound on two cores. It has no
 * window: for `--headed` or `--debug`, set E2E_CHROMIUM_PATH=/usr/bin/chromium.
 */
const SYSTEM_CHROMIUMS = [
  'chromium-headless-shell',
  'chromium',
  'chromium-browser',
  'google-chrome-stable',
  'google-chrome',
];

/**
 * The Chromium executable the UI phases launch: `E2E_CHROMIUM_PATH` when set; otherwise
 * undefined (Playwright's own browser, whose headless shell it runs headless tests in) when
 * `npx playwright install chromium` has put it in place; otherwise the system's found on PATH,
 * the headless shell before the full browser (Debian's `/usr/bin/chromium-headless-shell`, then
 * `/usr/bin/chromium`).
 * @throws Error when E2E_CHROMIUM_PATH names no file, or no Chromium is found at all.
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.E2E_CHROMIUM_PATH) {
    if (!existsSync(env.E2E_CHROMIUM_PATH)) throw new Error(`E2E_CHROMIUM_PATH=${env.E2E_CHROMIUM_PATH}: no such file`);
    return env.E2E_CHROMIUM_PATH;
  }
  if (playwrightChromiumInstalled()) return undefined;
  const dirs = (env.PATH ?? '/usr/bin').split(delimiter).filter(Boolean);
  for (const name of SYSTEM_CHROMIUMS) {
    for (const dir of dirs) {
      if (existsSync(join(dir, name))) return join(dir, name);
    }
  }
  throw new Error(
    'No Chromium for the UI phases: run `npx playwright install chromium`, install the system one ' +
      '(`apt-get install -y chromium-headless-shell`, or `chromium`), or point E2E_CHROMIUM_PATH at a Chromium executable.',
  );
}

function playwrightChromiumInstalled(): boolean {
  try {
    return existsSync(chromium.executablePath());
  } catch {
    return false; // no browser registry entry for this platform
  }
}

/**
 * {@link findChromium} for the config: never throws, because Nx evaluates the config to infer
 * targets on machines without any browser. The global setup calls `findChromium` itself, so a
 * missing browser still stops the phase with the message above before any test.
 */
export function chromiumForConfig(env: NodeJS.ProcessEnv = process.env): string | undefined {
  try {
    return findChromium(env);
  } catch {
    return undefined;
  }
}
