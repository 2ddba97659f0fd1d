/**
 * Child script of gc-deopt.test.ts (run with --expose-gc --trace-deopt): a
 * loop contract (memory, storage, KECCAK256, a CALL per iteration) run on a
 * fresh state many times through `Vm.call` and `executeTransaction`, so V8
 * optimises the engine; then, after a marker line, runs that each follow a
 * forced full GC. Optimised code that embeds an object of an earlier run is
 * deoptimised in that GC with "reason: weak objects", which the test reads.
 */
import { Vm } from '@zvm/core'
import { JournaledState, MemoryDatabase } from '@zvm/state'
import { bigintToBytes, type Address } from '@zvm/primitives'
import { evmTable, executeTransaction, Fork, precompilesFor } from '../src/index.ts'

const gc = (globalThis as { gc?: () => void }).gc
if (gc === undefined) throw new Error('run with --expose-gc')

const OP: Record<string, number> = {
  STOP: 0x00, ADD: 0x01, SUB: 0x03, AND: 0x16, ISZERO: 0x15, SHA3: 0x20, CALLDATALOAD: 0x35, POP: 0x50, MLOAD: 0x51, MSTORE: 0x52,
  SLOAD: 0x54, SSTORE: 0x55, JUMP: 0x56, JUMPI: 0x57, GAS: 0x5a, JUMPDEST: 0x5b, PUSH0: 0x5f, PUSH1: 0x60, PUSH20: 0x73, DUP1: 0x80,
  SWAP1: 0x90, CALL: 0xf1, RETURN: 0xf3,
}

/** Assembles names, `PUSH1`-sized numbers, `@label` (PUSH1 of a label) and `label:` definitions. */
function asm(program: readonly (string | number)[]): Uint8Array {
  const bytes: number[] = []
  const labels = new Map<string, number>()
  const fixups: [number, string][] = []
  for (const t of program) {
    if (typeof t === 'number') bytes.push(OP.PUSH1, t)
    else if (t.endsWith(':')) { labels.set(t.slice(0, -1), bytes.length); bytes.push(OP.JUMPDEST) }
    else if (t.startsWith('@')) { bytes.push(OP.PUSH1, 0); fixups.push([bytes.length - 1, t.slice(1)]) }
    else if (t.startsWith('0x')) bytes.push(OP.PUSH20, ...bigintToBytes(BigInt(t), 20))
    else bytes.push(OP[t])
  }
  for (const [at, name] of fixups) bytes[at] = labels.get(name)!
  return new Uint8Array(bytes)
}

const CALLEE: Address = '0x00000000000000000000000000000000000000cc'
const LOOP: Address = '0x00000000000000000000000000000000000000aa'
const SENDER: Address = '0x00000000000000000000000000000000000000e0'
// n iterations: MSTORE/MLOAD, SLOAD + SSTORE to slot n & 7, KECCAK256 of a word, CALL the callee for its word.
const loopCode = asm([
  'PUSH0', 'CALLDATALOAD',
  'loop:', 'DUP1', 'ISZERO', '@end', 'JUMPI',
  'DUP1', 0, 'MSTORE', 0, 'MLOAD', 7, 'AND', 'DUP1', 'SLOAD', 1, 'ADD', 'SWAP1', 'SSTORE',
  32, 0, 'SHA3', 'POP',
  32, 32, 0, 0, 0, CALLEE, 'GAS', 'CALL', 'POP', 32, 'MLOAD', 'POP',
  1, 'SWAP1', 'SUB', '@loop', 'JUMP',
  'end:', 'STOP',
])
// Returns its first storage word, incremented.
const calleeCode = asm([0, 'SLOAD', 1, 'ADD', 'DUP1', 0, 'SSTORE', 0, 'MSTORE', 32, 0, 'RETURN'])

const table = evmTable(Fork.Cancun)
const precompiles = precompilesFor(Fork.Cancun)
const data = bigintToBytes(300n, 32)
const block = { number: 1n, timestamp: 1n, coinbase: '0x0000000000000000000000000000000000000c0b' as Address, gasLimit: 30_000_000n, baseFee: 7n, prevRandao: 0n, difficulty: 0n, chainId: 1n, excessBlobGas: 0n }

function freshState(): JournaledState {
  const db = new MemoryDatabase()
  const state = new JournaledState(db)
  state.setCode(LOOP, loopCode)
  state.setCode(CALLEE, calleeCode)
  state.setBalance(SENDER, 10n ** 18n)
  state.finalizeTransaction()
  return state
}

function runOnce(): void {
  const vm = new Vm({ state: freshState(), table, host: { blockHash: () => 0n }, precompiles })
  const r = vm.call({ caller: SENDER, to: LOOP, data, gasLimit: 10_000_000 })
  if (r.status !== 'success') throw new Error(`Vm.call: ${r.status} ${r.error}`)
  const t = executeTransaction(freshState(), {
    type: 2, from: SENDER, to: LOOP, nonce: 0n, gasLimit: 10_000_000n, value: 0n, data, maxFeePerGas: 10n, maxPriorityFeePerGas: 1n,
  }, block, { fork: Fork.Cancun })
  if (!t.valid || t.status !== 'success') throw new Error(`executeTransaction: ${JSON.stringify(t, (_, v) => typeof v === 'bigint' ? String(v) : v)}`)
}

const warm = Number(process.argv[2] ?? 60)
for (let i = 0; i < warm; i++) runOnce()
process.stdout.write('--- forced full GC before each run\n')
for (let i = 0; i < 4; i++) {
  gc()
  runOnce()
}
process.stdout.write('--- done\n')
