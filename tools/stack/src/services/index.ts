// What other projects' test suites may reuse of the stack: its servers, started one by one.
export { ServiceGroup } from '../service-group.ts';
export { createAppRoles, type AppDatabaseUrls } from './database-roles.ts';
export { migrate } from './migrate.ts';
export { startPostgres } from './postgres.ts';
export { startRedis } from './redis.ts';
