/**
 * EVM target: structured random programs and mutated solc contracts, run on
 * ZVM in every execution tier and on @ethereumjs/evm for each fork; status,
 * return data, logs, gas and the touched accounts (balance, nonce, code,
 * written slots) must agree, and a sample runs twice on ZVM to check it is
 * deterministic.
 */
import { bigintToBytes, bytesToHex, hexToBytes, type Address } from '@zvm/primitives'
import { minimiseAsync } from '../minimise.ts'
import { Rng } from '../rng.ts'
import { Tally, withinBudget, type Budget, type Finding, type FindingKind, type TargetOptions, type TargetReport } from '../types.ts'
import { runEthereumjs, runZvm, TIER_NAMES, type EvmFork, type Scenario, type Step, type ZvmTier } from './evm-engines.ts'
import { assemble, CALLER, DELEGATED, EMPTY, HELPER, program, TARGET, type Unit } from './evm-programs.ts'
import { mutate, mutations, solcContracts, type Mutation } from './evm-solc.ts'

/** A generated case: what to rebuild a scenario from, with the list a minimiser shrinks. */
type Case =
  | { kind: 'program'; fork: EvmFork; main: Unit[]; helper: Unit[]; delegateTo: Address; gas: number; calls: { data: Uint8Array; value: bigint }[] }
  | { kind: 'solc'; fork: EvmFork; contract: string; deploy: boolean; mutations: Mutation[]; gas: number; calls: { data: Uint8Array; value: bigint }[] }

const GAS_CHOICES = [30_000, 100_000, 300_000, 1_000_000, 3_000_000]

function pickGas(rng: Rng): number {
  // A few tiny limits so some programs run out of gas at once.
  return rng.chance(0.1) ? rng.range(21, 3_000) : rng.chance(0.5) ? rng.pick(GAS_CHOICES) : rng.range(21_000, 2_000_000)
}

function generate(rng: Rng, fork: EvmFork): Case {
  if (rng.chance(0.3)) {
    const names = Object.keys(solcContracts())
    const contract = rng.pick(names)
    const c = solcContracts()[contract]
    const deploy = rng.chance(0.4)
    const length = (deploy ? c.creation : c.runtime).length / 2
    const selectors = c.selectors
    const calls = Array.from({ length: rng.range(1, 3) }, () => {
      const sel = selectors.length > 0 && rng.chance(0.9) ? hexToBytes(`0x${rng.pick(selectors)}`) : rng.bytes(4)
      const args = Array.from({ length: rng.int(4) }, () => bigintToBytes(rng.pick([BigInt(rng.int(1000)), BigInt(CALLER), BigInt(TARGET), rng.word()]), 32))
      return { data: new Uint8Array([...sel, ...args.flatMap((a) => [...a])]), value: 0n }
    })
    return { kind: 'solc', fork, contract, deploy, mutations: mutations(rng, length, rng.range(0, 4)), gas: rng.chance(0.8) ? 3_000_000 : pickGas(rng), calls }
  }
  const c = { rng, fork, depth: 0 }
  return {
    kind: 'program', fork, main: program(c, 40), helper: program({ ...c, depth: 1 }, 12),
    delegateTo: rng.pick([HELPER, TARGET, '0x0000000000000000000000000000000000000002', EMPTY] as Address[]),
    gas: pickGas(rng),
    calls: Array.from({ length: rng.range(1, 3) }, () => ({ data: rng.bytes(rng.int(40)), value: rng.chance(0.2) ? BigInt(rng.int(1000)) : 0n })),
  }
}

const designator = (to: Address): Uint8Array => new Uint8Array([0xef, 0x01, 0x00, ...bigintToBytes(BigInt(to), 20)])

function scenarioOf(c: Case): Scenario {
  if (c.kind === 'solc') {
    const s = solcContracts()[c.contract]
    const calls: Step[] = c.calls.map((x) => ({ kind: 'call', caller: CALLER, to: c.deploy ? 'created' : TARGET, data: x.data, gas: c.gas, value: x.value }))
    if (!c.deploy) return { accounts: [{ address: CALLER, balance: 10n ** 18n }, { address: TARGET, code: mutate(hexToBytes(`0x${s.runtime}`), c.mutations) }], steps: calls }
    // A constructor argument (the Proxy's implementation) is harmless to the others: it sits after the code.
    const initCode = new Uint8Array([...mutate(hexToBytes(`0x${s.creation}`), c.mutations), ...bigintToBytes(BigInt(HELPER), 32)])
    return { accounts: [{ address: CALLER, balance: 10n ** 18n }], steps: [{ kind: 'deploy', caller: CALLER, initCode, gas: c.gas, value: 0n }, ...calls] }
  }
  // Backward loops run while GAS > 85% of the limit: long enough to get hot, short enough for ethereumjs.
  const floor = Math.floor(c.gas * 0.85)
  const steps: Step[] = c.calls.map((x) => ({ kind: 'call', caller: CALLER, to: TARGET, data: x.data, gas: c.gas, value: x.value }))
  // DELEGATED is reached by the programs' CALLs: a top-level call to it would need a transaction (chain-evm's handler
  // resolves the designator there; core's Vm.call and ethereumjs' runCall are single messages).
  return {
    accounts: [
      { address: CALLER, balance: 10n ** 18n },
      { address: TARGET, code: assemble(c.main, floor), balance: 1000n },
      { address: HELPER, code: assemble(c.helper, floor) },
      { address: DELEGATED, code: designator(c.delegateTo) },
    ],
    steps,
  }
}

interface Failure { kind: FindingKind; fork: EvmFork; tier: ZvmTier; detail: string }

/** The first difference between two JSON-able values, as `path: a ≠ b`. */
function difference(a: unknown, b: unknown, path = ''): string | undefined {
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    return a === b ? undefined : `${path || '.'}: ${JSON.stringify(a)?.slice(0, 120)} ≠ ${JSON.stringify(b)?.slice(0, 120)}`
  }
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])]
  for (const k of keys) {
    const d = difference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`)
    if (d) return d
  }
  return undefined
}

/** Keys every program may write, read back on each engine even when ZVM wrote nothing. */
function baseTouched(): Map<Address, Set<bigint>> {
  return new Map([TARGET, HELPER, DELEGATED].map((a) => [a, new Set([0n, 1n, 2n, 3n])]))
}

interface CheckResult { failure?: Failure; runs: number; errors: (string | null)[] }

/** Runs a scenario on ethereumjs and the given ZVM tiers; the first disagreement, throw or slow run. */
async function check(scenario: Scenario, fork: EvmFork, tiers: readonly ZvmTier[], hangMs: number, determinism: boolean): Promise<CheckResult> {
  let runs = 0
  const zvm: { tier: ZvmTier; r: ReturnType<typeof runZvm> }[] = []
  for (const tier of tiers) {
    const start = performance.now()
    let r: ReturnType<typeof runZvm>
    try { r = runZvm(fork, tier, scenario) } catch (e) {
      return { runs, errors: [], failure: { kind: 'crash', fork, tier, detail: `ZVM threw ${(e as Error)?.stack?.split('\n').slice(0, 3).join(' | ') ?? String(e)}` } }
    }
    runs++
    const ms = performance.now() - start
    if (ms > hangMs) return { runs, errors: [], failure: { kind: 'hang', fork, tier, detail: `ZVM took ${Math.round(ms)} ms (limit ${hangMs})` } }
    zvm.push({ tier, r })
  }
  const touched = baseTouched()
  for (const { r } of zvm) for (const [a, keys] of r.touched ?? []) for (const k of keys) (touched.get(a) ?? touched.set(a, new Set()).get(a)!).add(k)
  let ejs: Awaited<ReturnType<typeof runEthereumjs>>
  try { ejs = await runEthereumjs(fork, scenario, touched) } catch {
    return { runs, errors: zvm[0].r.errors ?? [] } // ethereumjs itself failed: nothing to compare with
  }
  runs++
  const expected = { outcomes: ejs.outcomes, state: ejs.state }
  for (const { tier, r } of zvm) {
    const d = difference({ outcomes: r.outcomes, state: r.state(touched) }, expected)
    if (d) return { runs, errors: r.errors ?? [], failure: { kind: 'divergence', fork, tier, detail: `ZVM (${tier}) vs ethereumjs ${d}` } }
  }
  if (determinism) {
    const again = runZvm(fork, tiers[0], scenario)
    runs++
    const d = difference({ outcomes: again.outcomes, state: again.state(touched) }, { outcomes: zvm[0].r.outcomes, state: zvm[0].r.state(touched) })
    if (d) return { runs, errors: [], failure: { kind: 'nondeterministic', fork, tier: tiers[0], detail: `ZVM (${tiers[0]}) twice on fresh state: ${d}` } }
  }
  return { runs, errors: zvm[0].r.errors ?? [] }
}

/** Shrinks a failing case (units of the main program, or the mutation list) while the same kind of failure remains. */
async function shrink(c: Case, f: Failure, hangMs: number): Promise<Case> {
  // The same failure: same kind and, for a divergence, the same field (`.outcomes.0.gasUsed`).
  const signature = (x: Failure): string => `${x.kind} ${x.kind === 'divergence' ? x.detail.split(': ')[0] : ''}`
  const still = async (candidate: Case): Promise<boolean> => {
    const r = await check(scenarioOf(candidate), f.fork, [f.tier], hangMs, f.kind === 'nondeterministic')
    return r.failure !== undefined && signature(r.failure) === signature(f)
  }
  if (c.kind === 'program') {
    let main = c.main
    for (let pass = 0; pass < 2; pass++) main = await minimiseAsync(main, (units) => still({ ...c, main: units }))
    const helper = await minimiseAsync(c.helper, (units) => still({ ...c, main, helper: units }))
    const calls = await minimiseAsync(c.calls, (calls) => calls.length > 0 ? still({ ...c, main, helper, calls }) : Promise.resolve(false))
    return { ...c, main, helper, calls }
  }
  const list = await minimiseAsync(c.mutations, (m) => still({ ...c, mutations: m }))
  return { ...c, mutations: list }
}


function reproducer(c: Case): Record<string, unknown> {
  const s = scenarioOf(c)
  const hex = (b: Uint8Array | undefined): string | undefined => (b ? bytesToHex(b) : undefined)
  return {
    fork: c.fork, kind: c.kind, ...(c.kind === 'solc' ? { contract: c.contract, deploy: c.deploy, mutations: c.mutations } : {}),
    accounts: s.accounts.map((a) => ({ address: a.address, code: hex(a.code), balance: a.balance?.toString() })),
    steps: s.steps.map((st) => (st.kind === 'call' ? { ...st, data: bytesToHex(st.data), value: st.value.toString() } : { ...st, initCode: bytesToHex(st.initCode), value: st.value.toString() })),
  }
}

/** Runs the EVM target within `budget`. */
export async function runEvm(budget: Budget, options: TargetOptions): Promise<TargetReport> {
  const tally = new Tally()
  for (let index = budget.start ?? 0; withinBudget(budget, index); index++) {
    const fork = options.forks[index % options.forks.length]
    const c = generate(Rng.of(options.seed, 'evm', index), fork)
    const scenario = scenarioOf(c)
    const r = await check(scenario, fork, TIER_NAMES, options.hangMs, index % 4 === 0)
    tally.programs++
    tally.runs += r.runs
    for (const e of r.errors) tally.outcome(e ?? 'unknown')
    tally.outcome(c.kind)
    if (r.failure) {
      const small = await shrink(c, r.failure, options.hangMs)
      const finding: Finding = { target: 'evm', kind: r.failure.kind, seed: options.seed, index, detail: `${fork} ${r.failure.detail}`, input: { tier: r.failure.tier, ...reproducer(small) } }
      tally.findings.push(finding)
      options.progress?.(`evm #${index}: ${finding.kind}: ${finding.detail}`)
    }
    if (index > 0 && index % 200 === 0) options.progress?.(`evm: ${index} programs, ${tally.findings.length} findings`)
  }
  return tally.report()
}
