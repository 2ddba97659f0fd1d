/**
 * The published packages as a user gets them: `pnpm pack` every package,
 * check what each tarball ships, then install @zvm/chain-evm from the
 * tarballs alone into an empty folder with npm and run a contract there.
 * The installed set must not contain another chain's dependencies.
 * @zvm/chain-soroban likewise: without @stellar/stellar-sdk, axios or
 * eventsource (only @stellar/stellar-base), and its declarations compile
 * without skipLibCheck.
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
// ECRECOVER loads @noble/curves on first use, resolved from the installed @zvm/chain-evm
const input = '456e9aea5e197a1f1af7a3e85a3212fa4049a3ba34c2289b4c860fc0b0c64ef3' + '1c'.padStart(64, '0')
  + '9242685bf161793cc25603c231bc2f568eb630ea16aa137d2664ac8038825608' + '4f8ae3bd7535248d0bd448298cc2e2071e56992d0774dc340c368ae950852ada'
const recovered = executeTransaction(state, { type: 2, from, to: '0x0000000000000000000000000000000000000001', nonce: 2n, gasLimit: 100000n, value: 0n, data: Uint8Array.from(Buffer.from(input, 'hex')), maxFeePerGas: 10n, maxPriorityFeePerGas: 1n }, block, { fork: Fork.Cancun })
console.log(recovered.status, Buffer.from(recovered.output).toString('hex').slice(24))
`)
    expect(run('node', ['main.js'], app).trim().split('\n')).toEqual(['success 42n', 'success 7156526fbd7a3c72969b54f64e42c10fbb768c8a'])
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

describe('@zvm/chain-soroban installed from its tarballs alone', () => {
  const app = join(work, 'soroban-app')

  it('installs @stellar/stellar-base but not the SDK, axios or eventsource, and runs a contract through its spec', () => {
    execFileSync('mkdir', ['-p', app])
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'soroban-app', private: true, type: 'module' }))
    const needed = [...tarballs.keys()].filter((name) => dependsOn('@zvm/chain-soroban', name))
    // The next test's compiler comes in the same install (one npm run); it brings none of the packages checked here.
    run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...needed.map((n) => tarballs.get(n)!), 'typescript@5.0.4', '@types/node@20'], app, 600_000)
    const installed = run('npm', ['ls', '--all', '--parseable'], app).split('\n').filter((l) => l.includes('node_modules/'))
      .map((l) => l.slice(l.lastIndexOf('node_modules/') + 'node_modules/'.length))
    expect(installed).toEqual(expect.arrayContaining(['@zvm/chain-soroban', '@stellar/stellar-base']))
    for (const heavy of ['@stellar/stellar-sdk', 'axios', 'eventsource', 'commander', '@zvm/chain-evm']) {
      expect(installed, `${heavy} was installed with @zvm/chain-soroban`).not.toContain(heavy)
    }
    writeFileSync(join(app, 'hello.wasm'), readFileSync(join(ROOT, 'examples', 'soroban', 'hello.wasm')))
    writeFileSync(join(app, 'main.js'), `
import { readFileSync } from 'node:fs'
import { argsFromJson, readContractSpec, resultToJson, SorobanHost } from '@zvm/chain-soroban'
const wasm = readFileSync('hello.wasm')
const spec = readContractSpec(wasm)
const host = new SorobanHost()
const { address } = host.deploy(wasm)
const r = host.invoke(address, 'hello', argsFromJson(spec, 'hello', ['npm']))
console.log(r.status, JSON.stringify(resultToJson(spec, 'hello', r.result)))
`)
    expect(run('node', ['main.js'], app).trim()).toBe('success ["Hello","npm"]')
  }, 900_000)

  it('its type declarations (and stellar-base\'s they import) compile in a strict consumer on TypeScript 5.0 without skipLibCheck', () => {
    writeFileSync(join(app, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { target: 'ES2022', module: 'Node16', moduleResolution: 'Node16', strict: true, skipLibCheck: false, noEmit: true, types: ['node'] },
      files: ['consumer.ts'],
    }))
    writeFileSync(join(app, 'consumer.ts'), `
import { xdr } from '@stellar/stellar-base'
import { argsFromJson, ContractSpec, readContractSpec, resultToJson, SorobanHost, SorobanLedger, type InvokeResult } from '@zvm/chain-soroban'
const host = new SorobanHost({ ledger: new SorobanLedger() })
const spec: ContractSpec | undefined = readContractSpec(new Uint8Array())
const names: string[] = spec === undefined ? [] : spec.funcs().map((f) => f.name().toString())
const args: xdr.ScVal[] = spec === undefined ? [xdr.ScVal.scvSymbol('x')] : argsFromJson(spec, 'hello', ['x'])
export function call(address: string): unknown {
  const r: InvokeResult = host.invoke(address, 'hello', args)
  return r.status === 'success' ? resultToJson(spec, 'hello', r.result) : [r.error?.message, names]
}
`)
    let out: string
    try {
      out = run(join(app, 'node_modules', '.bin', 'tsc'), ['-p', '.'], app)
    } catch (e) {
      out = String((e as { stdout?: unknown }).stdout ?? e)
    }
    expect(out.trim()).toBe('')
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
