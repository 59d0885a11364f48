import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** Connection URLs of the apps' own login roles: neither is a superuser or has BYPASSRLS. */
export interface AppDatabaseUrls {
  /** The API's `authenticator` (see apps/api/migrations/*_login-role.sql for what it may do). */
  api: string;
  /** The storage service's `storage_admin`: owns the `storage` schema it migrates, nothing else. */
  storage: string;
}

/**
 * Creates the login roles the apps connect as, each with a password generated for this boot, on
 * the database `adminUrl` points at. Runs before any migration: the API's migration grants
 * `authenticator` its roles, and the storage service creates its schema as `storage_admin`.
 */
export async function createAppRoles(
  adminUrl: string,
  // Fresh per boot by default; the compose stack passes the ones in its env file.
  passwords = { api: randomBytes(18).toString('hex'), storage: randomBytes(18).toString('hex') },
): Promise<AppDatabaseUrls> {
  const url = new URL(adminUrl);
  const database = url.pathname.slice(1);
  for (const [app, password] of Object.entries(passwords)) {
    if (!/^[\w-]{16,}$/.test(password))
      throw new Error(`the ${app} role's password must be 16+ letters, digits, _ or -`);
  }
  const admin = new pg.Client(adminUrl);
  admin.on('error', () => undefined); // failures reject the awaited calls; this keeps a late one from crashing
  await admin.connect();
  try {
    // Checked passwords and fixed names: nothing here needs quoting beyond the literal quotes.
    await admin.query(`create role authenticator login noinherit nosuperuser nobypassrls password '${passwords.api}'`);
    await admin.query(
      `create role storage_admin login noinherit nosuperuser nobypassrls password '${passwords.storage}'`,
    );
    await admin.query(`grant create on database "${database}" to storage_admin`);
  } finally {
    await admin.end();
  }
  const as = (user: string, password: string) => {
    const login = new URL(adminUrl);
    login.username = user;
    login.password = password;
    return login.toString();
  };
  return { api: as('authenticator', passwords.api), storage: as('storage_admin', passwords.storage) };
}
