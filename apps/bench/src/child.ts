/** Running the harness's helper scripts (solc compile, memory probes) in child processes. */

// Flags whose next argument is code or a code option: a child given them would run the parent's code again.
const WITH_VALUE = new Set(['-e', '--eval', '-p', '--print', '--input-type'])
const ALONE = new Set(['-i', '--interactive'])

/**
 * The parent's Node flags for a child script: loaders (`--import tsx`) and
 * export conditions carry over; `--eval`/`--print` and their code do not (a
 * harness started with `node -e` would otherwise start itself again in every
 * child, recursively), nor do V8's tracing flags.
 */
export function childExecArgv(argv: readonly string[] = process.execArgv): string[] {
  const out: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]
    if (WITH_VALUE.has(flag)) { i++; continue }
    // Tracing (`--trace-deopt` …) writes to the child's stdout, which the parent parses.
    if (ALONE.has(flag) || flag.startsWith('--trace') || [...WITH_VALUE].some((f) => f.startsWith('--') && flag.startsWith(`${f}=`))) continue
    out.push(flag)
  }
  return out
}
