import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import getPort from 'get-port';
import pg from 'pg';
import { ServiceProcess, ServiceError } from '../process.ts';
import { guardFolder } from '../folder-guard.ts';
import type { StackContext } from '../context.ts';
import { pollUntil } from '@streamkit/e2e-contract';

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
    throw new ServiceError(
      'postgres',
      'running as root needs a `postgres` user (apt-get install -y postgresql creates it)',
    );
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
  if (user) chownSync(dataDir, user.uid, user.gid);
  const data = join(dataDir, 'data');
  const pgCtl = (name: string, args: string[]) =>
    new ServiceProcess(name, join(bin, 'pg_ctl'), ['-D', data, ...args], { ...user, cwd: dataDir, logDir: ctx.logDir });

  const initdb = new ServiceProcess(
    'postgres-initdb',
    join(bin, 'initdb'),
    ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync'],
    { ...user, cwd: dataDir, logDir: ctx.logDir },
  );
  if ((await initdb.finished()) !== 0) throw new ServiceError('postgres', 'initdb failed', initdb.logFile);
  // The admin (`postgres`, for migrations and the test fixtures) connects without a password;
  // every other role must give its own, so the apps' login roles are really checked.
  writeFileSync(
    join(data, 'pg_hba.conf'),
    ['local all all trust', 'host all postgres 127.0.0.1/32 trust', 'host all all 127.0.0.1/32 scram-sha-256', ''].join(
      '\n',
    ),
  );

  // pg_ctl runs the server as a daemon, outside the stack's process tree. Nx stops a continuous
  // task by signalling its tree leaves first, and PostgreSQL's checkpointer ignores SIGTERM, so a
  // server inside the tree would hold the stack until Nx SIGKILLed it, skipping every clean-up.
  const port = await getPort();
  const logFile = join(ctx.logDir, 'postgres.log');
  const options = [
    `-p ${port} -h 127.0.0.1 -k ${dataDir}`,
    // Throwaway data: durability off makes it start and write fast.
    '-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200',
  ].join(' ');
  ctx.onStop(async () => {
    await pgCtl('postgres-stop', ['stop', '-m', 'fast', '-w', '-t', '10'])
      .finished(15_000)
      .catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  });
  if (user) {
    writeFileSync(logFile, ''); // the server writes its log as the postgres user
    chownSync(logFile, user.uid, user.gid);
  }
  const start = pgCtl('postgres-start', ['start', '-w', '-t', '30', '-l', logFile, '-o', options]);
  if ((await start.finished(40_000)) !== 0) throw new ServiceError('postgres', 'pg_ctl start failed', logFile);
  guardFolder({
    owner: process.pid,
    folder: dataDir,
    doneWhenGone: join(data, 'postmaster.pid'), // the stack stopped the server: its clean-up goes on
    stopFirst: {
      command: join(bin, 'pg_ctl'),
      args: ['-D', data, 'stop', '-m', 'immediate', '-w', '-t', '20'], // the data is thrown away
      options: { ...user, cwd: dataDir },
    },
  });
  ctx.recordPid(Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]));

  const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  await pollUntil(
    'postgres',
    async () => {
      const client = new pg.Client(adminUrl);
      client.on('error', () => undefined); // a refused or dropped connection rejects the awaited call
      try {
        await client.connect();
        await client.query('select 1');
        return true;
      } finally {
        await client.end().catch(() => undefined);
      }
    },
    { timeoutMs: 30_000 },
  ).catch((error: Error) => {
    throw new ServiceError('postgres', error.message, logFile);
  });

  const admin = new pg.Client(adminUrl);
  admin.on('error', () => undefined); // failures reject the awaited calls; this keeps a late one from crashing
  await admin.connect();
  try {
    await admin.query(`create database ${DATABASE}`);
  } finally {
    await admin.end();
  }
  return `postgres://postgres@127.0.0.1:${port}/${DATABASE}`;
}
