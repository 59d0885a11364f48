import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { parse } from 'yaml';

const run = promisify(execFile);

export interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile?: string };
  command?: string[] | string;
  environment?: Record<string, string | null>;
  healthcheck?: { test?: string[] | string; disable?: boolean };
  depends_on?: Record<string, { condition: string }>;
  restart?: string;
  volumes?: (string | { source?: string; target: string })[];
}

export interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

/**
 * The compose file as Compose itself resolves it (`config`: validated, env file interpolated,
 * anchors merged), from whichever Compose is installed: the v2 plugin or Debian's v1.
 */
export async function resolveCompose(cwd: string, file: string, envFile?: string): Promise<ComposeFile> {
  const args = ['-f', file, ...(envFile ? ['--env-file', envFile] : []), 'config'];
  const { stdout } = await runCompose(cwd, args);
  return parse(stdout) as ComposeFile;
}

/** Runs Compose and rejects with its own message (what is wrong, where) when it refuses. */
export async function runCompose(cwd: string, args: string[]): Promise<{ stdout: string; stderr: string }> {
  const [command, ...prefix] = await composeCommand();
  try {
    return await run(command!, [...prefix, ...args], { cwd, maxBuffer: 10 * 1024 * 1024 });
  } catch (error) {
    const failed = error as { stderr?: string; message: string };
    throw new Error(`${[command, ...prefix, ...args].join(' ')} failed:\n${failed.stderr || failed.message}`);
  }
}

let found: string[] | undefined;
async function composeCommand(): Promise<string[]> {
  if (found) return found;
  for (const candidate of [['docker', 'compose'], ['docker-compose']]) {
    try {
      await run(candidate[0]!, [...candidate.slice(1), 'version']);
      return (found = candidate);
    } catch {
      // try the next one
    }
  }
  throw new Error(
    'neither `docker compose` nor `docker-compose` is installed: `apt-get install -y docker-compose` (.ci/run does)',
  );
}

/** The service names a URL's host refers to (`http://api:3000` → `api`). */
export function hostOf(value: string): string {
  return new URL(value).hostname;
}
