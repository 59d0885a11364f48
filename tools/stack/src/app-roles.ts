import { createAppRoles } from './services/database-roles.ts';

/**
 * The stack's database login roles as a one-shot step of its own, for the compose stack (the
 * `db-roles` service, from docker/test-doubles.Dockerfile): the same roles the local stack makes
 * before its migrations, with the passwords the env file gives. ADMIN_DATABASE_URL names the
 * database; AUTHENTICATOR_PASSWORD and STORAGE_ADMIN_PASSWORD are the roles' passwords.
 */
const { ADMIN_DATABASE_URL, AUTHENTICATOR_PASSWORD, STORAGE_ADMIN_PASSWORD } = process.env;
const missing = Object.entries({ ADMIN_DATABASE_URL, AUTHENTICATOR_PASSWORD, STORAGE_ADMIN_PASSWORD }).filter(
  ([, v]) => !v,
);
if (missing.length > 0) {
  console.error(`app-roles: ${missing.map(([name]) => name).join(', ')} not set`);
  process.exit(2);
}
try {
  await createAppRoles(ADMIN_DATABASE_URL!, { api: AUTHENTICATOR_PASSWORD!, storage: STORAGE_ADMIN_PASSWORD! });
  console.log('app-roles: authenticator and storage_admin created');
} catch (error) {
  console.error(`app-roles: ${(error as Error).message}`);
  process.exit(1);
}
