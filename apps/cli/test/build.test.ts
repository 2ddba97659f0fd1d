/**
 * `pnpm zvm` (scripts/zvm.mjs) runs the compiled CLI, building what is stale
 * first: the staleness check on a package of its own, and the built CLI with
 * statetest workers (which, without a TypeScript loader, can only run from dist).
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'

const ROOT = join(import.meta.dirname, '..', '..', '..')
const SCRIPT = join(ROOT, 'scripts', 'zvm.mjs')

interface ZvmScript { staleReason(pkg: { dir: string }, root: string): string | undefined }

describe('the staleness check', () => {
  it('a package is stale when an output is missing or older than its source, or a tsconfig is newer', async () => {
    const { staleReason } = await import(pathToFileURL(SCRIPT).href) as ZvmScript
    const dir = mkdtempSync(join(tmpdir(), 'zvm-stale-'))
    mkdirSync(join(dir, 'src', 'ops'), { recursive: true })
    mkdirSync(join(dir, 'dist', 'ops'), { recursive: true })
    const at = (path: string, seconds: number, text = '') => {
      writeFileSync(join(dir, path), text)
      utimesSync(join(dir, path), seconds, seconds)
    }
    at('src/index.ts', 1000)
    at('src/ops/add.ts', 1000)
    at('src/ops/add.test.ts', 5000) // tests are not built
    at('tsconfig.json', 1000)
    expect(staleReason({ dir }, dir)).toBe('dist/index.js is missing')
    at('dist/index.js', 2000)
    expect(staleReason({ dir }, dir)).toBe('dist/ops/add.js is missing')
    at('dist/ops/add.js', 2000)
    expect(staleReason({ dir }, dir)).toBeUndefined()
    at('src/ops/add.ts', 3000)
    expect(staleReason({ dir }, dir)).toBe('src/ops/add.ts changed')
    at('dist/ops/add.js', 3000)
    expect(staleReason({ dir }, dir)).toBeUndefined()
    at('tsconfig.json', 2500)
    expect(staleReason({ dir }, dir)).toBe('tsconfig.json changed')
    at('tsconfig.json', 1000)
    at('tsconfig.base.json', 4000) // the root one, shared by every package
    expect(staleReason({ dir }, dir)).toBe('tsconfig.base.json changed')
  })
})

describe('the built CLI', () => {
  it('prints its version with nothing else on stdout (a build, if any, reports on stderr)', () => {
    const r = spawnSync(process.execPath, [SCRIPT, '--version'], { cwd: ROOT, encoding: 'utf8' })
    const { version } = JSON.parse(readFileSync(join(ROOT, 'apps', 'cli', 'package.json'), 'utf8')) as { version: string }
    expect([r.status, r.stdout]).toEqual([0, `zvm ${version}\n`])
  }, 180_000)

  it('runs statetest files on worker processes from dist', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zvm-built-st-'))
    const sender = '0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b'
    for (const name of ['a.json', 'b.json']) {
      writeFileSync(join(dir, name), JSON.stringify({
        [name]: {
          env: { currentCoinbase: '0x2adc25665018aa1fe0e6bc666dac8fc2697ff9ba', currentGasLimit: '0x05f5e100', currentNumber: '0x01', currentTimestamp: '0x03e8', currentBaseFee: '0x0a', currentRandom: '0x00', currentDifficulty: '0x00' },
          pre: { [sender]: { balance: '0x0de0b6b3a7640000', code: '0x', nonce: '0x00', storage: {} } },
          transaction: { data: ['0x'], gasLimit: ['0x0186a0'], value: ['0x01'], nonce: '0x00', sender, to: '0x1000000000000000000000000000000000000000', gasPrice: '0x0a' },
          post: { Cancun: [{ hash: `0x${'00'.repeat(32)}`, logs: `0x${'00'.repeat(32)}`, indexes: { data: 0, gas: 0, value: 0 } }] },
        },
      }))
    }
    // Plain node: no TypeScript loader a worker could inherit.
    const r = spawnSync(process.execPath, [SCRIPT, 'statetest', dir, '--workers', '2', '--fork', 'cancun'], { cwd: ROOT, encoding: 'utf8' })
    expect(r.stdout).toMatch(/^FAIL .*a\.json a\.json #0 .*state root expected 0x0{64}/m)
    expect(r.stdout).toMatch(/^FAIL .*b\.json b\.json #0 /m)
    expect(r.stdout).not.toMatch(/ERROR/)
    expect(r.stdout.trim().split('\n').pop()).toBe('0 passed, 2 failed')
    expect(r.status).toBe(1)
  }, 180_000)
})
