/**
 * Ethereum's GeneralStateTests through `pnpm zvm statetest`, the same path a
 * user takes: every Cancun post entry, state root and logs hash. The fixtures
 * live beside the project (../shared/fixtures, or $ZVM_STATE_TESTS); without
 * them this suite says so and skips.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = join(import.meta.dirname, '..', '..', '..')
const FIXTURES = process.env.ZVM_STATE_TESTS ?? join(ROOT, '..', 'shared', 'fixtures', 'ethereum-tests', 'GeneralStateTests')
const present = existsSync(FIXTURES)
const known = (JSON.parse(readFileSync(join(import.meta.dirname, 'known-state-test-failures.json'), 'utf8')) as { failures: Record<string, string> }).failures

interface Summary { passed: number; failed: number; files: number; failures: { file: string; test: string; index: number }[]; fileErrors: string[]; skipped: { test: string; reason: string }[] }

if (!present) {
  console.warn(`state tests: fixtures not found at ${FIXTURES}; set ZVM_STATE_TESTS to run them`)
}

// Every tier must give the same results: the default (blocks compiled when hot), every block
// compiled on first use ('eager'), and the per-instruction interpreter.
describe.skipIf(!present).each(['compiled', 'eager', 'interpreter'])('GeneralStateTests (Cancun), --tier %s', (tier) => {
  it('pass with state root and logs hash, failing only on known cases', () => {
    const args = ['zvm', 'statetest', FIXTURES, '--json', '--tier', tier]
    const pnpm = process.env.npm_execpath && /pnpm/.test(process.env.npm_execpath) && /\.c?js$/.test(process.env.npm_execpath)
      ? [process.execPath, [process.env.npm_execpath, ...args]] as const
      : ['pnpm', args] as const
    let stdout: string
    try {
      stdout = execFileSync(pnpm[0], [...pnpm[1]], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
    } catch (e) {
      stdout = (e as { stdout: string }).stdout // non-zero exit when anything fails
    }
    const summary = JSON.parse(stdout.trim().split('\n').pop()!) as Summary
    console.log(`state tests (${tier}): ${summary.passed} passed, ${summary.failed} failed, ${summary.skipped.length} skipped in ${summary.files} files`)
    for (const s of summary.skipped) console.log(`  skipped ${s.test}: ${s.reason}`)
    const unexpected = summary.failures.filter((f) => !(f.test in known)).map((f) => `${f.file} ${f.test} #${f.index}`)
    expect(summary.fileErrors).toEqual([])
    expect(unexpected).toEqual([])
    expect(summary.passed / (summary.passed + summary.failed)).toBeGreaterThanOrEqual(0.99)
  }, 1_500_000)
})
