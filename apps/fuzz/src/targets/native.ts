/**
 * Native ZVM target: structured programs over the opcode table (operands
 * pushed first, Hedera syscalls against a real ledger, post-quantum ops with
 * right and wrong key and signature lengths), random bytes, and mutated ZVMC
 * containers and assembly text. Invariants: a typed result (or a ZvmError at
 * the API), gas used within the limit, no slow run, and the same result,
 * gas, state and ledger when run twice.
 */
import { assemble, AssemblyError, disassembleToText, encodeZvmc, NATIVE_OPCODES, OpcodeFlag, tryDecodeZvmc, ZvmcDecodeError, type OpcodeInfo } from '@zvm/bytecode'
import { createHederaSyscalls, HederaLedger } from '@zvm/chain-hedera'
import { Vm, type ExecutionResult } from '@zvm/core'
import { NATIVE_TABLE } from '@zvm/native'
import { bigintToBytes, bytesToHex, ZvmError, type Address } from '@zvm/primitives'
import { JournaledState } from '@zvm/state'
import { minimise } from '../minimise.ts'
import { Rng } from '../rng.ts'
import { Tally, withinBudget, type Budget, type Finding, type FindingKind, type TargetOptions, type TargetReport } from '../types.ts'
import { mutate, mutations } from './evm-solc.ts'

type Kind = 'structured' | 'bytes' | 'zvmc' | 'assembly'
interface NativeCase { kind: Kind; units: number[][]; gas: number; data: Uint8Array; mutations: ReturnType<typeof mutations> }

const OPCODES = NATIVE_OPCODES.filter((o) => !(o.flags & OpcodeFlag.Push))
const TERMINATING = OPCODES.filter((o) => o.flags & OpcodeFlag.Terminating)
const SYSCALLS = OPCODES.filter((o) => o.flags & OpcodeFlag.HederaSyscall)
const PQ = OPCODES.filter((o) => o.flags & OpcodeFlag.PostQuantum)
const BODY = OPCODES.filter((o) => !(o.flags & (OpcodeFlag.Terminating | OpcodeFlag.PostQuantum | OpcodeFlag.HederaSyscall)))
const PUSH_SIZES = [1, 2, 4, 8, 16, 32] as const

/** PUSHn (native: 0x11 PUSH1 … 0x16 PUSH32) of `v` with the smallest size that fits. */
function push(v: bigint): number[] {
  const bytes = Math.max(1, Math.ceil(v.toString(16).length / 2))
  const i = PUSH_SIZES.findIndex((s) => s >= bytes)
  return [0x11 + i, ...bigintToBytes(v, PUSH_SIZES[i])]
}

// Real key and signature lengths (ML-DSA-44/65/87, Falcon-512/1024, SLH-DSA-SHA2 128…256 s/f), to be hit exactly and missed by one.
const KEY_LENGTHS = [1312, 1952, 2592, 897, 1793, 32, 48, 64]
const SIG_LENGTHS = [2420, 3309, 4627, 666, 1280, 7856, 17088, 16224, 29792, 0]

/** Operands for a post-quantum op: [msgOffset, msgLength, sigOffset, sigLength, keyOffset, keyLength] or [seedOffset, outOffset]. */
function pqOperands(rng: Rng, op: OpcodeInfo): bigint[] {
  if (op.stackIn === 2) return [BigInt(rng.int(256)), BigInt(rng.chance(0.9) ? rng.int(4096) : 2 ** 33)]
  const near = (xs: number[]): number => Math.max(0, rng.pick(xs) + rng.pick([-1, 0, 0, 1, rng.range(-40, 40)]))
  const keyLength = rng.chance(0.8) ? near(KEY_LENGTHS) : rng.int(5000)
  const sigLength = rng.chance(0.8) ? near(SIG_LENGTHS) : rng.int(60_000)
  return [0n, BigInt(rng.int(64)), BigInt(rng.int(64)), BigInt(sigLength), BigInt(rng.int(64)), BigInt(keyLength)]
}

/** Entity addresses the syscalls can name: the account, its token and topic (entity numbers 1001…), and nonsense. */
function syscallOperand(rng: Rng): bigint {
  return rng.pick([BigInt(1001 + rng.int(4)), BigInt(rng.int(100)), rng.word(), 0n, BigInt(rng.int(3000))])
}

function structured(rng: Rng): number[][] {
  const units: number[][] = []
  for (let n = rng.int(30); n > 0; n--) {
    const r = rng.int(10)
    const op = r < 6 ? rng.pick(BODY) : r < 8 ? rng.pick(SYSCALLS) : r < 9 && rng.chance(0.4) ? rng.pick(PQ) : rng.pick(BODY)
    const operands = op.flags & OpcodeFlag.PostQuantum ? pqOperands(rng, op)
      : op.flags & OpcodeFlag.HederaSyscall ? Array.from({ length: op.stackIn }, () => syscallOperand(rng))
        : Array.from({ length: rng.chance(0.9) ? op.stackIn : rng.int(op.stackIn + 1) }, () => (rng.chance(0.6) ? BigInt(rng.int(200)) : rng.word()))
    // Operands are pushed last-first so the first operand is on top.
    units.push([...operands.reverse().flatMap(push), op.code])
  }
  const end = rng.pick(TERMINATING)
  units.push([...Array.from({ length: end.stackIn }, () => BigInt(rng.int(64))).flatMap(push), end.code])
  return units
}

function generate(rng: Rng): NativeCase {
  const kind = rng.pick(['structured', 'structured', 'structured', 'bytes', 'zvmc', 'assembly'] as const)
  const units = kind === 'bytes'
    ? Array.from({ length: rng.int(120) }, () => [rng.chance(0.75) ? rng.pick(NATIVE_OPCODES).code : rng.int(256)])
    : structured(rng)
  const gas = rng.chance(0.1) ? rng.int(3_000) : rng.pick([50_000, 300_000, 1_000_000, 3_000_000])
  return { kind, units, gas, data: rng.bytes(rng.int(64)), mutations: kind === 'zvmc' || kind === 'assembly' ? mutations(rng, 64, rng.range(1, 4)) : [] }
}

/** A fresh world: a state, a Hedera ledger with an account, a token and a topic, and a Vm whose syscalls reach it. */
function world(): { vm: Vm; ledger: HederaLedger; me: Address } {
  const state = new JournaledState()
  const ledger = new HederaLedger(state)
  const me = ledger.createAccount({ initialBalance: 10n ** 12n }).address!
  ledger.createToken({ name: 'Fuzz', symbol: 'FZ', treasury: ledger.resolveId(me)!, initialSupply: 1_000_000n, caller: me, keys: { supply: { kind: 'entity', address: me }, admin: { kind: 'entity', address: me } } })
  ledger.createTopic({ caller: me, adminKey: { kind: 'entity', address: me } })
  const vm = new Vm({ state, table: NATIVE_TABLE, host: { blockHash: (n) => n, syscall: createHederaSyscalls(ledger) } })
  return { vm, ledger, me }
}

function summary(r: ExecutionResult, ledger: HederaLedger): string {
  return JSON.stringify({
    status: r.status, error: r.error, gasUsed: r.gasUsed, refund: r.gasRefunded, ret: bytesToHex(r.returnData),
    logs: r.logs.map((l) => [l.address, l.topics.map(String), bytesToHex(l.data)]),
    diff: r.stateDiff.accounts.map((a) => [a.address, String(a.balance), String(a.nonce), a.codeHash, [...a.storage].map(String)]),
    ledger: ledger.snapshot(),
  }, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))
}

interface Failure { kind: FindingKind; detail: string }

/** What a case runs: bytes to execute (or nothing when the container or text was refused with a typed error). */
function codeOf(c: NativeCase, units: number[][]): { code?: Uint8Array; failure?: Failure } {
  const raw = new Uint8Array(units.flat())
  if (c.kind === 'zvmc') {
    const container = mutate(encodeZvmc({ code: raw, abi: '{"functions":[]}' }), c.mutations)
    let decoded: ReturnType<typeof tryDecodeZvmc>
    try { decoded = tryDecodeZvmc(container) } catch (e) { return { failure: { kind: 'crash', detail: `tryDecodeZvmc threw ${String(e)}` } } }
    if (!decoded.ok) return decoded.error instanceof ZvmcDecodeError ? {} : { failure: { kind: 'crash', detail: `tryDecodeZvmc gave a ${String(decoded.error)}` } }
    return { code: decoded.value.code }
  }
  if (c.kind === 'assembly') {
    const text = new TextDecoder().decode(mutate(new TextEncoder().encode(disassembleToText(raw)), c.mutations))
    try { return { code: new Uint8Array(assemble(text).code) } } catch (e) {
      return e instanceof AssemblyError ? {} : { failure: { kind: 'crash', detail: `assemble threw ${String(e)}` } }
    }
  }
  return { code: raw }
}

/** Runs a case twice on fresh worlds; the first broken invariant. */
function check(c: NativeCase, units: number[][], hangMs: number, tally?: Tally): Failure | undefined {
  const { code, failure } = codeOf(c, units)
  if (code === undefined && !failure) tally?.outcome('refused (typed error)')
  if (failure || code === undefined) return failure
  const outcomes: string[] = []
  for (let i = 0; i < 2; i++) {
    const { vm, ledger, me } = world()
    const start = performance.now()
    let r: ExecutionResult
    try { r = vm.run({ code, data: c.data, gasLimit: c.gas, address: me, caller: me }) } catch (e) {
      if (e instanceof ZvmError) { outcomes.push(`ZvmError ${e.code}`); continue }
      return { kind: 'crash', detail: `Vm.run threw ${(e as Error)?.stack?.split('\n').slice(0, 3).join(' | ') ?? String(e)}` }
    }
    const ms = performance.now() - start
    if (tally) { tally.runs++; if (i === 0) tally.outcome(r.error ?? r.status) }
    if (ms > hangMs) return { kind: 'hang', detail: `Vm.run took ${Math.round(ms)} ms (limit ${hangMs}) for ${c.gas} gas` }
    if (!(r.gasUsed >= 0 && r.gasUsed <= c.gas)) return { kind: 'crash', detail: `gas used ${r.gasUsed} outside [0, ${c.gas}]` }
    if (!['success', 'revert', 'error'].includes(r.status)) return { kind: 'crash', detail: `status ${String(r.status)}` }
    outcomes.push(summary(r, ledger))
  }
  if (outcomes[0] !== outcomes[1]) return { kind: 'nondeterministic', detail: `two runs differ: ${outcomes[0].slice(0, 200)} vs ${outcomes[1].slice(0, 200)}` }
  return undefined
}

/** Runs the native target within `budget`. */
export function runNative(budget: Budget, options: TargetOptions): TargetReport {
  const tally = new Tally()
  for (let index = budget.start ?? 0; withinBudget(budget, index); index++) {
    const c = generate(Rng.of(options.seed, 'native', index))
    tally.programs++
    tally.outcome(c.kind)
    const f = check(c, c.units, options.hangMs, tally)
    if (!f) continue
    const units = minimise(c.units, (u) => check(c, u, options.hangMs)?.kind === f.kind)
    const finding: Finding = {
      target: 'native', kind: f.kind, seed: options.seed, index, detail: `${c.kind}: ${f.detail}`,
      input: { kind: c.kind, code: bytesToHex(new Uint8Array(units.flat())), gas: c.gas, data: bytesToHex(c.data), mutations: c.mutations },
    }
    tally.findings.push(finding)
    options.progress?.(`native #${index}: ${finding.kind}: ${finding.detail}`)
  }
  return tally.report()
}
