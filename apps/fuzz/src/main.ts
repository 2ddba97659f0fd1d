/**
 * `pnpm fuzz`: runs the selected targets for their budget, prints progress
 * to stderr and a summary (with `--json`, the last stdout line is one JSON
 * object), writes reproducers with `--out`, and exits 1 when anything was
 * found, 2 on a bad option.
 */
import { OptionError, parseOptions, USAGE, type FuzzOptions } from './options.ts'
import { summarise, summaryText, writeReproducers, type Summary } from './report.ts'
import type { TargetName, TargetReport } from './types.ts'

/** Runs a fuzz campaign; resolves to the summary. */
export async function fuzz(o: FuzzOptions, progress?: (line: string) => void): Promise<Summary> {
  // Loaded only when something runs: a bad option answers without loading every engine.
  const { runTarget } = await import('./targets/index.ts')
  const reports: Partial<Record<TargetName, TargetReport>> = {}
  for (const target of o.targets) {
    progress?.(`${target}: starting (seed ${o.seed})`)
    const budget = { start: o.start, programs: o.programs, deadline: performance.now() + o.seconds * 1000 }
    reports[target] = await runTarget(target, budget, { seed: o.seed, forks: o.forks, hangMs: o.hangMs, progress })
    const r = reports[target]!
    progress?.(`${target}: ${r.programs} programs, ${r.runs} runs in ${r.seconds} s, ${r.findings.length} findings`)
  }
  return summarise(o.seed, reports)
}

/** The command: returns the exit code. */
export async function main(argv: readonly string[], out: (text: string) => void, err: (text: string) => void): Promise<number> {
  let o: FuzzOptions
  try {
    o = parseOptions(argv)
  } catch (e) {
    if (!(e instanceof OptionError)) throw e
    err(`zvm fuzz: ${e.message}\n${USAGE}\n`)
    return 2
  }
  const s = await fuzz(o, (line) => err(`${line}\n`))
  if (o.out !== undefined && s.findings.length > 0) for (const p of writeReproducers(o.out, s.findings)) err(`reproducer: ${p}\n`)
  if (o.json) out(`${JSON.stringify(s)}\n`)
  else out(summaryText(s))
  return s.findings.length > 0 ? 1 : 0
}

if (process.argv[1] !== undefined && import.meta.filename === process.argv[1]) {
  const code = await main(process.argv.slice(2), (t) => process.stdout.write(t), (t) => process.stderr.write(t))
  process.exitCode = code
}
