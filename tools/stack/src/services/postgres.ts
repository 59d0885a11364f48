import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import getPort from 'get-port';
import pg from 'pg';
import { ServiceProcess, ServiceError } from '../process.ts';
import { waitUntil } from '../wait.ts';
import type { StackContext } from '../context.ts';

const DATABASE = 'streamkit';

/** Newest Debian PostgreSQL server binaries, if installed. */
function findDebianBinaries(): string | undefined {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return undefined;
  const versions = readdirSync(base)
    .filter((v) => existsSync(join(base, v, 'bin', 'postgres')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] && join(base, versions[0], 'bin');
}

/** PostgreSQL refuses to run as root, so as root the server runs as the `postgres` user. */
function serverUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }));
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }));
    return { uid, gid };
  } catch {
    throw new ServiceError('postgres', 'running as root needs a `postgres` user (apt-get install -y postgresql creates it)');
  }
}

export async function startPostgres(ctx: StackContext): Promise<string> {
  const bin = findDebianBinaries();
  if (!bin) {
    throw new ServiceError(
      'postgres',
      'no PostgreSQL server binaries under /usr/lib/postgresql — install them with `apt-get install -y postgresql`',
    );
  }
  const user = serverUser();
  const dataDir = mkdtempSync(join(tmpdir(), 'streamkit-pg-'));
  ctx.onStop(async () => rmSync(dataDir, { recursive: true, force: true }));
  if (user) chownSync(dataDir, user.uid, user.gid);

  const initdb = new ServiceProcess(
    'postgres-initdb',
    join(bin, 'initdb'),
    ['-D', join(dataDir, 'data'), '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync'],
    { ...user, cwd: dataDir, logDir: ctx.logDir },
  );
  if ((await initdb.finished()) !== 0) throw new ServiceError('postgres', 'initdb failed', initdb.logFile);

  const port = await getPort();
  const server = ctx.track(
    new ServiceProcess(
      'postgres',
      join(bin, 'postgres'),
      ['-D', join(dataDir, 'data'), '-p', String(port), '-h', '127.0.0.1', '-k', dataDir,
        // Throwaway data: durability off makes it start and write fast.
        '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off',
        '-c', 'max_connections=200'],
      { ...user, cwd: dataDir, logDir: ctx.logDir, stopSignal: 'SIGINT' },
    ),
  );

  const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  await waitUntil('postgres', async () => {
    if (!server.running) throw new ServiceError('postgres', 'exited before it accepted connections', server.logFile);
    const client = new pg.Client(adminUrl);
    try {
      await client.connect();
      await client.query('select 1');
      return true;
    } finally {
      await client.end().catch(() => undefined);
    }
  }).catch((error: Error) => {
    throw error instanceof ServiceError ? error : new ServiceError('postgres', error.message, server.logFile);
  });

  const admin = new pg.Client(adminUrl);
  await admin.connect();
  await admin.query(`create database ${DATABASE}`);
  await admin.end();
  return `postgres://postgres@127.0.0.1:${port}/${DATABASE}`;
}
