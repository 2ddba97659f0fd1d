/**
 * Soroban target: mutated real contracts (the shared soroban-sdk fixtures)
 * and hostile generated modules, deployed and invoked with random arguments.
 * Invariants: every deployment and invocation gives a typed result (success
 * or a HostError value) or a ZvmError at the API, within the CPU budget and
 * the hang limit, and the same results and budget consumption on a fresh
 * host run twice.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Address, xdr } from '@stellar/stellar-base'
import { SorobanHost } from '@zvm/chain-soroban'
import { bytesToHex, ZvmError } from '@zvm/primitives'
import { minimise } from '../minimise.ts'
import { Rng } from '../rng.ts'
import { Tally, withinBudget, type Budget, type Finding, type FindingKind, type TargetOptions, type TargetReport } from '../types.ts'
import { mutate, mutations, type Mutation } from './evm-solc.ts'
import { HOSTILE_KINDS, hostileModule } from './soroban-modules.ts'

/** The shared fixtures: `../shared/fixtures/soroban-wasm` from the repository root (as chain-soroban's tests find them), or $ZVM_SOROBAN_FIXTURES. */
export const FIXTURES = process.env.ZVM_SOROBAN_FIXTURES ?? join(import.meta.dirname, '..', '..', '..', '..', '..', 'shared', 'fixtures', 'soroban-wasm')

interface Fixture { name: string; wasm: Uint8Array; exports: string[] }
/** The part of the WebAssembly global used here (the repository's lib settings leave it out). */
const wasmApi = (globalThis as unknown as { WebAssembly: { Module: { new (bytes: Uint8Array): object; exports(m: object): { name: string; kind: string }[] } } }).WebAssembly
let fixtures: Fixture[] | undefined
/** Every fixture module with its exported functions (empty when the directory is missing). */
export function sorobanFixtures(): Fixture[] {
  if (fixtures) return fixtures
  fixtures = []
  if (!existsSync(FIXTURES)) return fixtures
  for (const dir of readdirSync(FIXTURES).sort()) {
    const path = join(FIXTURES, dir)
    if (!/^\d+$/.test(dir)) continue
    for (const file of readdirSync(path).filter((f) => f.endsWith('.wasm')).sort()) {
      const wasm = Uint8Array.from(readFileSync(join(path, file)))
      const exports = wasmApi.Module.exports(new wasmApi.Module(wasm)).filter((e) => e.kind === 'function').map((e) => e.name)
      fixtures.push({ name: `${dir}/${file.replace(/\.wasm$/, '')}`, wasm, exports })
    }
  }
  return fixtures
}

interface SorobanCase { source: string; wasm: Uint8Array; mutations: Mutation[]; calls: { fn: string; args: xdr.ScVal[] }[]; constructorArgs: xdr.ScVal[] }

function scval(rng: Rng, self?: string): xdr.ScVal {
  switch (rng.int(11)) {
    case 0: return xdr.ScVal.scvU32(rng.pick([0, 1, 5, 30, 1000, 100_000, 0xffffffff]))
    case 1: return xdr.ScVal.scvI32(rng.range(-5, 100))
    case 2: return xdr.ScVal.scvU64(new xdr.Uint64(BigInt(rng.int(1_000_000))))
    case 3: return xdr.ScVal.scvI128(new xdr.Int128Parts({ hi: new xdr.Int64(0n), lo: new xdr.Uint64(BigInt(rng.int(1_000_000))) }))
    case 4: return xdr.ScVal.scvSymbol(rng.pick(['f', 'hello', 'admin', 'transfer', 'a'.repeat(32)]))
    case 5: return xdr.ScVal.scvBytes(Buffer.from(rng.bytes(rng.pick([0, 1, 32, 64, 1000]))))
    case 6: return xdr.ScVal.scvString(rng.pick(['', 'x', 'fuzz'.repeat(50)]))
    case 7: return xdr.ScVal.scvVec(Array.from({ length: rng.int(4) }, () => xdr.ScVal.scvU32(rng.int(10))))
    case 8: return self && rng.chance(0.7) ? new Address(self).toScVal() : xdr.ScVal.scvBool(rng.chance(0.5))
    case 9: return xdr.ScVal.scvVoid()
    default: return xdr.ScVal.scvMap([])
  }
}

function generate(rng: Rng): SorobanCase {
  const all = sorobanFixtures()
  if (all.length > 0 && rng.chance(0.6)) {
    const f = rng.pick(all)
    const muts = rng.chance(0.25) ? [] : mutations(rng, f.wasm.length, rng.range(1, 6))
    const fns = f.exports.filter((e) => !e.startsWith('_') || e === '__check_auth')
    const calls = Array.from({ length: rng.range(1, 3) }, () => ({ fn: fns.length > 0 && rng.chance(0.9) ? rng.pick(fns) : 'nope', args: Array.from({ length: rng.int(4) }, () => scval(rng)) }))
    return { source: f.name, wasm: f.wasm, mutations: muts, calls, constructorArgs: Array.from({ length: rng.int(3) }, () => scval(rng)) }
  }
  const kind = rng.pick(HOSTILE_KINDS)
  const wasm = hostileModule(kind, rng)
  const n = rng.pick([0, 1, 2, 10, 100, 1000, 5000, 100_000])
  return { source: `hostile/${kind}`, wasm, mutations: rng.chance(0.15) ? mutations(rng, wasm.length, rng.range(1, 3)) : [], calls: [{ fn: 'f', args: [xdr.ScVal.scvU32(n)] }], constructorArgs: [] }
}

interface Failure { kind: FindingKind; detail: string }
/** A CPU limit a tenth of the network's: hostile loops end sooner, nothing real needs more here. */
const CPU_LIMIT = 10_000_000

/** Deploys and invokes a case on a fresh host; the outcomes, or the first broken invariant. */
function execute(c: SorobanCase, muts: readonly Mutation[], hangMs: number, tally?: Tally): { outcomes: string[]; failure?: Failure } {
  const host = new SorobanHost({ cpuLimit: CPU_LIMIT })
  const outcomes: string[] = []
  const guard = (what: string, body: () => { status: string; error?: { type: number; name: string }; cpuInsns: number; memBytes: number; result?: xdr.ScVal }): Failure | 'stop' | undefined => {
    const start = performance.now()
    let r: ReturnType<typeof body>
    try { r = body() } catch (e) {
      if (e instanceof ZvmError) { outcomes.push(`${what}: ${e.name}`); tally?.outcome(`${what}: ${e.name}`); return 'stop' }
      return { kind: 'crash', detail: `${what} threw ${(e as Error)?.stack?.split('\n').slice(0, 3).join(' | ') ?? String(e)}` }
    }
    const ms = performance.now() - start
    if (tally) tally.runs++
    if (ms > hangMs) return { kind: 'hang', detail: `${what} took ${Math.round(ms)} ms (limit ${hangMs})` }
    if (r.status !== 'success' && (r.status !== 'error' || typeof r.error?.type !== 'number')) return { kind: 'crash', detail: `${what} gave status ${r.status} without a typed error` }
    if (r.cpuInsns > CPU_LIMIT) return { kind: 'crash', detail: `${what} used ${r.cpuInsns} CPU instructions over the limit ${CPU_LIMIT}` }
    tally?.outcome(`${what}: ${r.status === 'success' ? 'success' : r.error!.name}`)
    outcomes.push(`${what}: ${r.status} ${r.error?.name ?? ''} cpu ${r.cpuInsns} mem ${r.memBytes} ${r.result ? r.result.toXDR('base64') : ''}`)
    return r.status === 'success' ? undefined : what === 'deploy' ? 'stop' : undefined
  }
  const wasm = mutate(c.wasm, muts)
  let address = ''
  const d = guard('deploy', () => { const r = host.deploy(wasm, { args: c.constructorArgs }); address = r.address; return r })
  if (d === 'stop') return { outcomes }
  if (d) return { outcomes, failure: d }
  for (const call of c.calls) {
    const f = guard('invoke', () => host.invoke(address, call.fn, call.args))
    if (f && f !== 'stop') return { outcomes, failure: f }
  }
  return { outcomes }
}

function check(c: SorobanCase, muts: readonly Mutation[], hangMs: number, tally?: Tally): Failure | undefined {
  const first = execute(c, muts, hangMs, tally)
  if (first.failure) return first.failure
  const second = execute(c, muts, hangMs)
  if (second.failure) return second.failure
  const a = first.outcomes.join('\n')
  const b = second.outcomes.join('\n')
  return a === b ? undefined : { kind: 'nondeterministic', detail: `two fresh hosts differ: ${a.slice(0, 200)} vs ${b.slice(0, 200)}` }
}

/** Runs the Soroban target within `budget`. */
export function runSoroban(budget: Budget, options: TargetOptions): TargetReport {
  const tally = new Tally()
  for (let index = budget.start ?? 0; withinBudget(budget, index); index++) {
    const c = generate(Rng.of(options.seed, 'soroban', index))
    tally.programs++
    tally.outcome(c.source.startsWith('hostile/') ? c.source : 'fixture')
    const f = check(c, c.mutations, options.hangMs, tally)
    if (!f) continue
    const muts = minimise(c.mutations, (m) => check(c, m, options.hangMs)?.kind === f.kind)
    const finding: Finding = {
      target: 'soroban', kind: f.kind, seed: options.seed, index, detail: `${c.source}: ${f.detail}`,
      input: { source: c.source, mutations: muts, wasm: bytesToHex(mutate(c.wasm, muts)), calls: c.calls.map((x) => ({ fn: x.fn, args: x.args.map((a) => a.toXDR('base64')) })), constructorArgs: c.constructorArgs.map((a) => a.toXDR('base64')) },
    }
    tally.findings.push(finding)
    options.progress?.(`soroban #${index}: ${finding.kind}: ${finding.detail}`)
  }
  return tally.report()
}
