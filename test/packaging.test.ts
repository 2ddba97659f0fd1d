/**
 * The published packages as a user gets them: `pnpm pack` every package,
 * check what each tarball ships, then install @zvm/chain-evm from the
 * tarballs alone into an empty folder with npm and run a contract there.
 * The installed set must not contain another chain's dependencies.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const ROOT = join(import.meta.dirname, '..')
const PNPM = ['-y', 'pnpm@10.34.8']
const packages = readdirSync(join(ROOT, 'packages')).filter((p) => existsSync(join(ROOT, 'packages', p, 'package.json')))
const work = mkdtempSync(join(tmpdir(), 'zvm-pack-'))
const tarballs = new Map<string, string>()

function run(command: string, args: string[], cwd: string, timeout = 300_000): string {
  return execFileSync(command, args, { cwd, encoding: 'utf8', timeout, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_reporter: undefined } })
}

beforeAll(() => {
  // The tarballs ship dist/: build first (turbo replays what is current).
  run('npx', [...PNPM, 'build'], ROOT, 600_000)
  for (const p of packages) {
    const out = run('npx', [...PNPM, 'pack', '--pack-destination', work], join(ROOT, 'packages', p))
    const file = out.trim().split('\n').pop()!.trim()
    const name = (JSON.parse(readFileSync(join(ROOT, 'packages', p, 'package.json'), 'utf8')) as { name: string }).name
    tarballs.set(name, file)
  }
}, 900_000)

afterAll(() => rmSync(work, { recursive: true, force: true }))

describe('published tarballs', () => {
  for (const p of packages) {
    it(`${p}: ships its build, types, README and LICENSE, and no tests`, () => {
      const pkg = JSON.parse(readFileSync(join(ROOT, 'packages', p, 'package.json'), 'utf8')) as { name: string }
      const files = run('tar', ['-tzf', tarballs.get(pkg.name)!], work).split('\n').filter(Boolean).map((f) => f.replace(/^package\//, ''))
      expect(files).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'package.json', 'dist/index.js', 'dist/index.d.ts']))
      expect(files.filter((f) => /\.test\.ts$|(^|\/)test\//.test(f))).toEqual([])
    })
  }
})

describe('@zvm/chain-evm installed from its tarballs alone', () => {
  it('installs without other chains, and runs a contract', () => {
    const app = join(work, 'app')
    execFileSync('mkdir', ['-p', app])
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }))
    // chain-evm and the workspace packages it depends on, as npm would fetch them from the registry.
    const wanted = ['@zvm/chain-evm', '@zvm/core', '@zvm/state', '@zvm/gas', '@zvm/primitives', '@zvm/bytecode']
    const needed = wanted.filter((name) => tarballs.has(name) && dependsOn('@zvm/chain-evm', name))
    run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...needed.map((n) => tarballs.get(n)!)], app, 600_000)
    const installed = run('npm', ['ls', '--all', '--parseable'], app).split('\n').map((l) => l.slice(l.lastIndexOf('node_modules/') + 'node_modules/'.length))
    expect(installed).toContain('@zvm/chain-evm')
    for (const foreign of ['@zvm/chain-soroban', '@stellar/stellar-sdk', '@stellar/stellar-base', '@noble/post-quantum', '@zvm/native']) {
      expect(installed, `${foreign} was installed with @zvm/chain-evm`).not.toContain(foreign)
    }
    writeFileSync(join(app, 'main.js'), `
import { JournaledState } from '@zvm/state'
import { executeTransaction, Fork } from '@zvm/chain-evm'
const state = new JournaledState()
const from = '0x00000000000000000000000000000000000000a1'
state.setBalance(from, 10n ** 18n)
// init code returning runtime code 0x602a5f5260205ff3 (return 42)
const init = Uint8Array.from(Buffer.from('67602a5f5260205ff35f5260086018f3', 'hex'))
const block = { number: 1n, timestamp: 1n, coinbase: '0x0000000000000000000000000000000000000c0b', gasLimit: 30000000n, baseFee: 7n, prevRandao: 0n, difficulty: 0n, chainId: 1n, excessBlobGas: 0n }
const deployed = executeTransaction(state, { type: 2, from, to: null, nonce: 0n, gasLimit: 100000n, value: 0n, data: init, maxFeePerGas: 10n, maxPriorityFeePerGas: 1n }, block, { fork: Fork.Cancun })
const called = executeTransaction(state, { type: 2, from, to: deployed.createdAddress, nonce: 1n, gasLimit: 100000n, value: 0n, data: new Uint8Array(), maxFeePerGas: 10n, maxPriorityFeePerGas: 1n }, block, { fork: Fork.Cancun })
console.log(called.status, BigInt('0x' + Buffer.from(called.output).toString('hex')))
`)
    expect(run('node', ['main.js'], app).trim()).toBe('success 42n')
  }, 900_000)

  it('its type declarations compile in a strict consumer on TypeScript 5.0 without skipLibCheck', () => {
    const app = join(work, 'app')
    run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', 'typescript@5.0.4', '@types/node@20'], app, 600_000)
    writeFileSync(join(app, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { target: 'ES2022', module: 'Node16', moduleResolution: 'Node16', strict: true, skipLibCheck: false, noEmit: true, types: ['node'] },
      files: ['consumer.ts'],
    }))
    writeFileSync(join(app, 'consumer.ts'), `
import { JournaledState } from '@zvm/state'
import { evmTable, executeTransaction, Fork, precompilesFor, type TransactionResult } from '@zvm/chain-evm'
import { Vm, withInstructions, type Inspector, type Precompile } from '@zvm/core'
const state = new JournaledState()
const inspector: Inspector = { stepEnd: (_f, _pc, _op, gasCost) => { void gasCost } }
const echo: Precompile = (input, _gas, context) => ({ ok: true, gasUsed: 15, output: context.isStatic ? input : input.slice() })
const vm = new Vm({ table: withInstructions(evmTable(Fork.Cancun), []), precompiles: new Map([...precompilesFor(Fork.Cancun), ['0x0000000000000000000000000000000000000100', echo]]), inspector, state })
const r: TransactionResult = executeTransaction(state, { type: 2, from: '0x00000000000000000000000000000000000000a1', to: null, nonce: 0n, gasLimit: 100000n, value: 0n, data: new Uint8Array(), maxFeePerGas: 10n, maxPriorityFeePerGas: 1n }, { number: 1n, timestamp: 1n, coinbase: '0x0000000000000000000000000000000000000c0b', gasLimit: 30000000n, baseFee: 7n, prevRandao: 0n, difficulty: 0n, chainId: 1n, excessBlobGas: 0n }, { fork: Fork.Cancun })
export const out: [boolean, boolean] = [r.valid, vm.state === state]
`)
    expect(run(join(app, 'node_modules', '.bin', 'tsc'), ['-p', '.'], app).trim()).toBe('')
  }, 900_000)
})

/** Whether `from` depends on `name` (itself included), following workspace dependencies. */
function dependsOn(from: string, name: string, seen = new Set<string>()): boolean {
  if (from === name) return true
  if (seen.has(from)) return false
  seen.add(from)
  const dir = packages.find((p) => (JSON.parse(readFileSync(join(ROOT, 'packages', p, 'package.json'), 'utf8')) as { name: string }).name === from)
  if (dir === undefined) return false
  const deps = Object.keys((JSON.parse(readFileSync(join(ROOT, 'packages', dir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> }).dependencies ?? {})
  return deps.some((d) => d.startsWith('@zvm/') && dependsOn(d, name, seen))
}
