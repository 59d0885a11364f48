import { describe, expect, it } from 'vitest';
import { standaloneNxEnv } from './nested-run.ts';

describe('a suite started from inside an Nx task', () => {
  it('does not inherit an enclosing Nx task, so Nx does not take it for a recursive call', () => {
    const env = standaloneNxEnv({
      PATH: '/bin',
      E2E_API_URL: 'http://api',
      NX_WORKSPACE_ROOT: '/w',
      NX_INVOCATION_ROOT_PID: '42',
      NX_TASK_TARGET_PROJECT: 'deploy-gate',
      NX_TASK_HASH: 'abc',
      NX_TERMINAL_OUTPUT_PATH: '/tmp/out',
      NX_STREAM_OUTPUT: 'true',
      LERNA_PACKAGE_NAME: 'deploy-gate',
    });
    expect(env).toEqual({ PATH: '/bin', E2E_API_URL: 'http://api', NX_WORKSPACE_ROOT: '/w' });
  });
});
