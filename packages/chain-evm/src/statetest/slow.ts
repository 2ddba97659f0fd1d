/**
 * State-test cases skipped by default because they cannot finish in a
 * reasonable time in JavaScript, each with the reason. `zvm statetest
 * --no-skip` runs them anyway. Nothing here changes how a case executes.
 */
export const SLOW_CASES: ReadonlyMap<string, string> = new Map([
  ['CALLBlake2f_MaxRounds', 'runs BLAKE2 F with 2^32 - 1 rounds (about 4.3 billion), minutes even in native clients'],
])
