import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { createAppRoles, migrate, ServiceGroup, startPostgres } from '@streamkit/stack/services';

const WORKSPACE = fileURLToPath(new URL('../../../../', import.meta.url));

/**
 * One PostgreSQL for the whole run, started by the stack's own code and migrated as the stack
 * does: the suites that need real services share it (each one makes its own users) and start a
 * Redis of their own, which they are free to stop.
 */
export default async function setup(project: TestProject) {
  const services = new ServiceGroup(WORKSPACE);
  try {
    const adminUrl = await startPostgres(services);
    const roles = await createAppRoles(adminUrl);
    await migrate(services, 'api', 'apps/api', adminUrl);
    project.provide('database', { adminUrl, apiUrl: roles.api });
  } catch (error) {
    await services.stop();
    throw error;
  }
  return () => services.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    database: { adminUrl: string; apiUrl: string };
  }
}
