/**
 * `npm run e2e:sharded -- --agents N [--projects=<phases>]`: CI's shard matrix on this machine,
 * each shard a copy of the workspace with its own stack, then one report over the merge
 * (src/sharded/sharded.ts; README "CI").
 */
import { parseArgs, runSharded } from './src/sharded/sharded.ts';

runSharded(parseArgs(process.argv.slice(2))).then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`e2e:sharded: ${error.message}`);
    process.exit(2);
  },
);
