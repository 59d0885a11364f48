/**
 * The environment without what an enclosing Nx task put there. A test or a tool that starts a whole
 * suite of its own (the deploy gate, fault injection) may itself run as an Nx task inside
 * `npm test`, beside the phases; Nx would take the inner run's `e2e-health:e2e` for a recursive
 * call of the outer run's task (NX_INVOCATION_ROOT_PID) and stop.
 */
export function standaloneNxEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const inherited = /^(NX_TASK_|NX_INVOCATION_ROOT_PID$|NX_TERMINAL_|NX_STREAM_OUTPUT$|LERNA_PACKAGE_NAME$)/;
  return Object.fromEntries(Object.entries(env).filter(([name]) => !inherited.test(name)));
}
