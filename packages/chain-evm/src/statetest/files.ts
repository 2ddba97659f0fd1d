/** Finding fixture files and running every post entry of one file. */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { parseStateTestFile } from './fixture.ts'
import { runStateTestCase, type StateTestCaseResult } from './run.ts'
import type { ExecutionTier, Tracer } from '@zvm/core'

/**
 * Every `.json` file under the given files or directories, sorted.
 *
 * @example
 * ```ts
 * import { findFixtureFiles } from '@zvm/chain-evm'
 * // findFixtureFiles(['../shared/fixtures/ethereum-tests/GeneralStateTests/stExample'])
 * ```
 */
export function findFixtureFiles(paths: readonly string[]): string[] {
  const out: string[] = []
  const walk = (p: string): void => {
    if (statSync(p).isDirectory()) for (const entry of readdirSync(p).sort()) walk(join(p, entry))
    else if (p.endsWith('.json')) out.push(p)
  }
  for (const p of paths) walk(p)
  return out
}

/** The outcome of one fixture file: case results, or why the file could not run. */
export interface FileResult {
  file: string
  cases: (StateTestCaseResult & { file: string })[]
  /** Tests not run, with the reason (see SLOW_CASES). */
  skipped: { test: string; reason: string }[]
  error?: string
}

/** Runs every post entry of `fork` in `file` (a crash in one case is reported as that case failing). */
export function runFixtureFile(file: string, fork: string, options: { tracer?: Tracer; skip?: ReadonlyMap<string, string>; tier?: ExecutionTier; compileThreshold?: number } = {}): FileResult {
  let tests
  try {
    tests = parseStateTestFile(readFileSync(file, 'utf8'), file)
  } catch (e) {
    return { file, cases: [], skipped: [], error: (e as Error).message }
  }
  const cases: FileResult['cases'] = []
  const skipped: FileResult['skipped'] = []
  for (const [name, fixture] of Object.entries(tests)) {
    const reason = options.skip?.get(name)
    if (reason !== undefined) {
      if (fixture.post[fork]?.length) skipped.push({ test: name, reason })
      continue
    }
    const posts = fixture.post[fork] ?? []
    for (let i = 0; i < posts.length; i++) {
      try {
        cases.push({ file, ...runStateTestCase(name, fixture, fork, i, options) })
      } catch (e) {
        cases.push({
          file, test: name, fork, index: i, indexes: posts[i].indexes, pass: false, expectedRoot: posts[i].hash as `0x${string}`,
          actualRoot: '0x', expectedLogs: posts[i].logs as `0x${string}`, actualLogs: '0x', txError: `crash: ${(e as Error).message}`,
          expectException: posts[i].expectException ?? null, gasUsed: 0n, output: '0x',
        })
      }
    }
  }
  return { file, cases, skipped }
}
