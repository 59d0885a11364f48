import { fileURLToPath } from 'node:url';

/** The workspace root, from this file's place in it (tools/delivery/src). */
export const WORKSPACE = fileURLToPath(new URL('../../../', import.meta.url));
