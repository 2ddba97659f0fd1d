/**
 * Runs once before the test files: builds the command line and the packages
 * it imports (scripts/zvm.mjs builds only what is stale), so the tests that
 * spawn `pnpm zvm` measure the command, not a first build inside their
 * timeout — on a fresh clone that build is most of a minute on a slow machine.
 */
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'

export default function setup(): void {
  execFileSync(process.execPath, [join(import.meta.dirname, 'zvm.mjs'), '--version'], { stdio: ['ignore', 'ignore', 'inherit'] })
}
