/** The command as users run it (tsx, as `pnpm fuzz` does): the --json line parses, bad options exit 2. */
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = join(import.meta.dirname, '..', '..', '..')
const fuzz = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', '--conditions=source', join(ROOT, 'apps', 'fuzz', 'src', 'main.ts'), ...args], { cwd: ROOT, encoding: 'utf8' })

describe('pnpm fuzz', () => {
  it('--json: the last stdout line is the summary object', () => {
    const r = fuzz('--target', 'native', '--programs', '30', '--seed', '3', '--json')
    expect(r.status, r.stderr).toBe(0)
    const last = JSON.parse(r.stdout.trim().split('\n').at(-1)!)
    expect(last).toMatchObject({ programs: 30, crashes: 0, hangs: 0, divergences: 0, nondeterministic: 0, findings: [], seed: 3 })
    expect(last.runs).toBeGreaterThan(0)
    expect(last.targets.native.programsPerSecond).toBeGreaterThan(0)
  })

  it('a bad option: one line naming it, exit 2', () => {
    const r = fuzz('--seconds', 'soon')
    expect(r.status).toBe(2)
    expect(r.stderr.split('\n')[0]).toBe('zvm fuzz: --seconds needs a whole number, got "soon"')
  })
})
