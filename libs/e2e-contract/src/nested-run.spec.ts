import { describe, expect, it } from 'vitest';
import { standaloneNxEnv } from './nested-run.ts';

describe('a suite started from inside an Nx task', () => {
  it('does not inherit an enclosing Nx task (a recursive call, a skipped cache) and starts no daemon', () => {
    const env = standaloneNxEnv({
      PATH: '/bin',
      E2E_API_URL: 'http://api',
      NX_WORKSPACE_ROOT: '/w',
      NX_INVOCATION_ROOT_PID: '42',
      NX_TASK_TARGET_PROJECT: 'deploy-gate',
      NX_TASK_HASH: 'abc',
      NX_TERMINAL_OUTPUT_PATH: '/tmp/out',
      NX_STREAM_OUTPUT: 'true',
      NX_SKIP_NX_CACHE: 'true',
      LERNA_PACKAGE_NAME: 'deploy-gate',
      NX_DAEMON: 'true',
    });
    expect(env).toEqual({ PATH: '/bin', E2E_API_URL: 'http://api', NX_WORKSPACE_ROOT: '/w', NX_DAEMON: 'false' });
  });
});
