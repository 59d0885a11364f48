/**
 * The environment without what an enclosing Nx task put there, for a test or a tool that starts a
 * whole suite of its own (the deploy gate, fault injection) and may itself run as an Nx task inside
 * `npm test`: Nx would take the inner run's `e2e-health:e2e` for a recursive call of the outer run's
 * task (NX_INVOCATION_ROOT_PID) and stop, and the outer `--skip-nx-cache` (NX_SKIP_NX_CACHE) would
 * skip the inner run's cache too. The inner run starts no Nx daemon (NX_DAEMON=false) unless the
 * caller asks for one: a daemon outlives its run by design, and this run must leave nothing behind.
 */
export function standaloneNxEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const inherited =
    /^(NX_TASK_|NX_INVOCATION_ROOT_PID$|NX_TERMINAL_|NX_STREAM_OUTPUT$|NX_SKIP_NX_CACHE$|LERNA_PACKAGE_NAME$)/;
  return { ...Object.fromEntries(Object.entries(env).filter(([name]) => !inherited.test(name))), NX_DAEMON: 'false' };
}
