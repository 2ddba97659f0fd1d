/**
 * `zvm statetest <file-or-dir…> [--fork Cancun] [--json] [--trace] [--workers N]`:
 * runs GeneralStateTests fixtures, checking the state root and logs hash of
 * every post entry; prints a progress bar on a terminal, a line per failure,
 * and ends with `N passed, N failed` (with --json, a JSON summary after it).
 */
import { lstatSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { FORK_NAMES } from '@zvm/chain-evm'
import { findFixtureFiles, runFixtureFile, SLOW_CASES, type FileResult } from '@zvm/chain-evm/statetest'
import { CliError, type CliIo } from '../io.ts'
import { forkOption, numberOption, type ParsedOptions } from '../options.ts'
import { runFiles, type EngineOptions } from './pool.ts'
import { createEip3155Tracer } from '@zvm/inspectors'

export interface StatetestOptions {
  paths: string[]
  fork: string
  json: boolean
  trace: boolean
  workers: number
  progress: boolean
  /** Skip SLOW_CASES (default true). */
  skipSlow: boolean
  /** Execution tier and compile threshold. */
  engine?: EngineOptions
}

type CaseResult = FileResult['cases'][number]

function failureLine(c: CaseResult): string {
  const what: string[] = []
  if (c.expectedRoot !== c.actualRoot) what.push(`state root expected ${c.expectedRoot} got ${c.actualRoot}`)
  if (c.expectedLogs !== c.actualLogs) what.push(`logs hash expected ${c.expectedLogs} got ${c.actualLogs}`)
  if (c.expectException && !c.txError) what.push(`expected exception ${c.expectException}, transaction was applied`)
  if (!c.expectException && c.txError) what.push(`transaction rejected: ${c.txError}`)
  return `FAIL ${c.file} ${c.test} #${c.index} (data ${c.indexes.data}, gas ${c.indexes.gas}, value ${c.indexes.value}): ${what.join('; ')}`
}

const ENGINES: Record<string, EngineOptions> = {
  interpreter: { tier: 'interpreter' }, blocks: { tier: 'blocks' }, compiled: { tier: 'compiled' }, eager: { tier: 'compiled', compileThreshold: 1 },
}

/** `zvm statetest …` with its options parsed; resolves to the exit code. */
export async function statetestCommand(io: CliIo, { values, positionals }: ParsedOptions): Promise<number> {
  const tierName = (values.tier as string | undefined) ?? 'compiled'
  const engine = ENGINES[tierName]
  if (engine === undefined) throw new CliError(`unknown --tier '${tierName}' (interpreter, blocks, compiled, eager)`, 2)
  const fork = forkOption((values.fork as string | undefined) ?? 'Cancun', Object.keys(FORK_NAMES))
  const workers = numberOption('workers', values.workers, 64) ?? availableParallelism()
  return statetest(io, {
    paths: positionals, fork, json: values.json === true, trace: values.trace === true, workers,
    progress: io.isTerminal === true && values.trace !== true,
    skipSlow: values['no-skip'] !== true,
    engine,
  })
}

export async function statetest(io: CliIo, o: StatetestOptions): Promise<number> {
  if (o.paths.length === 0) throw new CliError('statetest needs at least one fixture file or directory', 2)
  for (const p of o.paths) {
    try {
      lstatSync(p)
    } catch {
      throw new CliError(`cannot read ${p}: no such file or directory`)
    }
  }
  const fileErrors: string[] = []
  // Links that loop or dangle, unreadable directories: each an ERROR line; the rest still runs.
  const files = findFixtureFiles(o.paths, (p) => fileErrors.push(`${p.path}: ${p.problem}`))
  let passed = 0
  let failed = 0
  let done = 0
  const failures: CaseResult[] = []
  const skipped: { file: string; test: string; reason: string }[] = []

  if (o.trace) {
    // Traces only make sense one case at a time: run in this thread.
    for (const file of files) {
      const r = runFixtureFile(file, o.fork, { inspector: createEip3155Tracer((l) => io.err(`${l}\n`)), skip: o.skipSlow ? SLOW_CASES : undefined, ...o.engine })
      for (const s of r.skipped) skipped.push({ file, ...s })
      for (const c of r.cases) {
        io.err(`${JSON.stringify({ stateRoot: c.actualRoot, output: c.output, gasUsed: `0x${c.gasUsed.toString(16)}`, pass: c.pass })}\n`)
        if (c.pass) passed++
        else { failed++; failures.push(c) }
      }
      if (r.error) fileErrors.push(r.error)
    }
  } else {
    const bar = (): void => {
      if (!o.progress) return
      const width = 30
      const filled = Math.round((done / Math.max(1, files.length)) * width)
      io.err(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${files.length} files, ${passed} passed, ${failed} failed`)
    }
    await runFiles(files, o.fork, o.workers, o.skipSlow, (r) => {
      done++
      for (const s of r.skipped) skipped.push({ file: r.file, ...s })
      if (r.error) fileErrors.push(r.error)
      for (const c of r.cases) {
        if (c.pass) passed++
        else {
          failed++
          failures.push(c)
          if (o.progress) io.err('\r\x1b[K')
          io.out(`${failureLine(c)}\n`)
        }
      }
      bar()
    }, o.engine)
    if (o.progress) io.err('\n')
  }
  if (o.trace) for (const c of failures) io.out(`${failureLine(c)}\n`)
  for (const e of fileErrors) io.out(`ERROR ${e}\n`)
  for (const s of skipped) io.out(`SKIP ${s.file} ${s.test}: ${s.reason} (run with --no-skip to include it)\n`)
  failed += fileErrors.length
  io.out(`${passed} passed, ${failed} failed${skipped.length ? `, ${skipped.length} skipped` : ''}\n`)
  if (o.json) {
    io.out(`${JSON.stringify({
      fork: o.fork, files: files.length, passed, failed,
      failures: failures.map((c) => ({ file: c.file, test: c.test, index: c.index, indexes: c.indexes, expectedRoot: c.expectedRoot, actualRoot: c.actualRoot, expectedLogs: c.expectedLogs, actualLogs: c.actualLogs, txError: c.txError, expectException: c.expectException })),
      fileErrors,
      skipped,
    })}\n`)
  }
  if (passed + failed === 0) {
    // Nothing ran is not a pass: a wrong path or fork should not look like success.
    io.err(`zvm: no ${o.fork} test cases in ${files.length} fixture file${files.length === 1 ? '' : 's'}${skipped.length ? ` (${skipped.length} skipped; run with --no-skip to include them)` : ''}\n`)
    return 1
  }
  return failed === 0 ? 0 : 1
}
