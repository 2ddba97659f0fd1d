/** Finding fixture files and running every post entry of one file. */
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { FixtureError, parseStateTestFile } from './fixture.ts'
import { runStateTestCase, type StateTestCaseResult } from './run.ts'
import type { ExecutionTier, Inspector } from '@zvm/core'

// V8's longest string (0x1fffffe8 characters); fixtures are ASCII, so one byte a character.
const MAX_FIXTURE_BYTES = 0x1fffffe8

/** Why a path could not be searched: a broken or looping link, an unreadable directory. */
export interface FixturePathProblem { path: string, problem: string }

const errorText = (e: unknown): string => {
  const code = (e as NodeJS.ErrnoException).code
  return code === 'ELOOP' ? 'too many levels of symbolic links (a link loop)'
    : code === 'ENOENT' ? 'no such file or directory (a broken link?)'
    : code === 'EACCES' ? 'permission denied'
    : code === 'ERR_FS_FILE_TOO_LARGE' || code === 'ERR_STRING_TOO_LONG' ? `too large to read as one JSON text (max ${MAX_FIXTURE_BYTES} bytes)`
    : (e as Error).message
}

/**
 * The fixture files under the given files or directories, sorted: every
 * `.json` file in a directory (links followed, each directory once), and
 * each file named directly whatever its extension. A path that cannot be
 * searched goes to `onProblem`; without it, it throws a FixtureError.
 *
 * @example
 * ```ts
 * import { findFixtureFiles } from '@zvm/chain-evm/statetest'
 * // findFixtureFiles(['../shared/fixtures/ethereum-tests/GeneralStateTests/stExample'], (p) => console.log(p.path, p.problem))
 * ```
 */
export function findFixtureFiles(paths: readonly string[], onProblem?: (p: FixturePathProblem) => void): string[] {
  const report = onProblem ?? ((p: FixturePathProblem): never => { throw new FixtureError(`${p.path}: ${p.problem}`) })
  const out: string[] = []
  const seen = new Set<string>()
  const walk = (p: string, named: boolean): void => {
    let isDirectory: boolean
    try {
      isDirectory = statSync(p).isDirectory()
    } catch (e) {
      report({ path: p, problem: `cannot read: ${errorText(e)}` })
      return
    }
    if (!isDirectory) {
      if (named || p.endsWith('.json')) out.push(p)
      return
    }
    let entries: string[]
    try {
      // A link back to an ancestor would otherwise be walked until the path is too long.
      const real = realpathSync(p)
      if (seen.has(real)) return
      seen.add(real)
      entries = readdirSync(p).sort()
    } catch (e) {
      report({ path: p, problem: `cannot read directory: ${errorText(e)}` })
      return
    }
    for (const entry of entries) walk(join(p, entry), false)
  }
  for (const p of paths) walk(p, true)
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

/**
 * Runs every post entry of `fork` in `file`; never throws. A file that cannot
 * be read or is not state tests comes back with `error` (naming the file); a
 * crash in one case is reported as that case failing.
 */
export function runFixtureFile(file: string, fork: string, options: { inspector?: Inspector; skip?: ReadonlyMap<string, string>; tier?: ExecutionTier; compileThreshold?: number } = {}): FileResult {
  let text: string
  try {
    // Checked first: reading gigabytes only to fail making them a string takes seconds.
    const size = statSync(file).size
    if (size > MAX_FIXTURE_BYTES) return { file, cases: [], skipped: [], error: `${file}: cannot read: too large to read as one JSON text (${size} bytes, max ${MAX_FIXTURE_BYTES})` }
    text = readFileSync(file, 'utf8')
  } catch (e) {
    return { file, cases: [], skipped: [], error: `${file}: cannot read: ${errorText(e)}` }
  }
  let tests
  try {
    tests = parseStateTestFile(text, file)
  } catch (e) {
    return { file, cases: [], skipped: [], error: e instanceof FixtureError ? e.message : `${file}: ${(e as Error).message}` }
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
