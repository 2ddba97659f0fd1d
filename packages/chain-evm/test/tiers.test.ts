/**
 * The execution tiers agree exactly: basic-block entries and bounds, and the
 * same status, gas, output and storage from the per-instruction interpreter,
 * the block interpreter and compiled blocks — including running out of gas
 * at every point of a loop and stack errors inside a block.
 */
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { analyze, findBlocks, INLINE_HOT_IN_MESSAGE, Vm, type ExecutionTier } from '@zvm/core'
import { bytesToHex } from '@zvm/primitives'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { evmTable, Fork } from '../src/index.ts'

const table = evmTable(Fork.Cancun)
const TARGET = '0x00000000000000000000000000000000000000c0'
const CALLER = '0x00000000000000000000000000000000000000ca'

// sum = 0; for (i = n; i != 0; i--) { sum += i; sstore(0, sum) } ; return sum (n from calldata)
// 0: PUSH1 0 CALLDATALOAD        i
// 3: JUMPDEST                    loop head
// 4: DUP1 ISZERO PUSH1 0x18 JUMPI
// 9: DUP1 PUSH1 0 SLOAD ADD PUSH1 0 SSTORE PUSH1 1 SWAP1 SUB PUSH1 3 JUMP
// 24: JUMPDEST PUSH1 0 SLOAD PUSH1 0 MSTORE PUSH1 32 PUSH1 0 RETURN
const LOOP = Uint8Array.from(Buffer.from('600035' + '5b' + '8015601857' + '8060005401600055600190036003' + '56' + '5b60005460005260206000f3', 'hex'))

type Mode = { tier: ExecutionTier, compileThreshold?: number }
const MODES: Record<string, Mode> = {
  interpreter: { tier: 'interpreter' }, blocks: { tier: 'blocks' }, compiled: { tier: 'compiled', compileThreshold: 3 }, eager: { tier: 'compiled', compileThreshold: 1 },
}

function run(mode: Mode, code: Uint8Array, n: bigint, gasLimit: number) {
  const vm = new Vm({ table, ...mode })
  vm.state.setCode(TARGET, code)
  const r = vm.call({ caller: CALLER, to: TARGET, data: Uint8Array.from(Buffer.from(n.toString(16).padStart(64, '0'), 'hex')), gasLimit })
  return { status: r.status, error: r.error, gasUsed: r.gasUsed, out: bytesToHex(r.returnData), slot: vm.state.sload(TARGET, 0n) }
}

describe('basic blocks', () => {
  it('entries at 0, at every JUMPDEST and after block ends; each covers the rest of its run', () => {
    const padded = new Uint8Array(LOOP.length + 33)
    padded.set(LOOP)
    const b = findBlocks(padded, LOOP.length, table)!
    const entries = [...b.start]
    expect(entries.filter((pc) => pc < LOOP.length).sort((x, y) => x - y)).toEqual([0, 3, 9, 17, 24])
    const at = (pc: number) => b.blockOf[pc]
    // Entry 0 runs PUSH1 CALLDATALOAD JUMPDEST DUP1 ISZERO PUSH1 JUMPI: 3+3+1+3+3+3+10 gas, 7 instructions.
    expect([b.length[at(0)], b.gas[at(0)], b.minSp[at(0)]]).toEqual([7, 26, 0])
    // Entering at the JUMPDEST needs the counter on the stack (DUP1).
    expect([b.length[at(3)], b.gas[at(3)], b.minSp[at(3)]]).toEqual([5, 20, 1])
    expect(b.maxSp[at(3)]).toBe(1024 - 2)
  })
})

describe('compile levels (default thresholds)', () => {
  // The loop head (pc 3) is entered by a jump once per iteration.
  const levelOf = (code: Uint8Array) => {
    const b = analyze(code, table).blocks!
    return b.level[b.blockOf[3]]
  }

  it('a block hot within one message is compiled with stack operations inline', () => {
    const code = Uint8Array.from([...LOOP, 0x00]) // its own analysis (the content differs)
    const r = run({ tier: 'compiled' }, code, 5000n + BigInt(INLINE_HOT_IN_MESSAGE) + 10n, 30_000_000)
    expect(r.status).toBe('success')
    expect(levelOf(code)).toBe(2)
  })

  it('a block that runs a little in each of many messages stays compiled to calls', () => {
    const code = Uint8Array.from([...LOOP, 0x00, 0x00])
    for (let i = 0; i < 12; i++) expect(run({ tier: 'compiled' }, code, BigInt(INLINE_HOT_IN_MESSAGE - 100), 30_000_000).status).toBe('success')
    expect(levelOf(code)).toBe(1)
  })
})

describe('tiers give identical results', () => {
  it('on a storage loop, for many lengths', () => {
    for (const n of [0n, 1n, 2n, 5n, 40n]) {
      const results = Object.values(MODES).map((m) => run(m, LOOP, n, 10_000_000))
      for (const r of results) expect(r).toEqual(results[0])
      expect(results[0].status).toBe('success')
      expect(BigInt(results[0].out)).toBe((n * (n + 1n)) / 2n)
    }
  })

  it('when gas runs out anywhere in the loop (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 21, max: 200_000 }), fc.integer({ min: 0, max: 30 }), (gas, n) => {
      const results = Object.values(MODES).map((m) => run(m, LOOP, BigInt(n), gas))
      for (const r of results) expect(r).toEqual(results[0])
    }), { numRuns: 300, seed: 11 })
  })

  it('on stack underflow and overflow inside a block', () => {
    const underflow = Uint8Array.from([0x60, 0x01, 0x5b, 0x01, 0x00]) // PUSH1 1 JUMPDEST ADD STOP
    const deep = Uint8Array.from([...Array(1025).fill(0x5f), 0x00]) // 1025 × PUSH0
    for (const code of [underflow, deep]) {
      const results = Object.values(MODES).map((m) => run(m, code, 0n, 1_000_000))
      for (const r of results) expect(r).toEqual(results[0])
      expect(results[0].status).toBe('error')
    }
  })
})

/** Code storing the top `words` stack words at 0, 32, …, then code returning the first `bytes` of memory. */
const storeStack = (words: number) => Array.from({ length: words }, (_, i) => [0x61, (i * 32) >> 8, (i * 32) & 0xff, 0x52]).flat()
const returnMemory = (bytes: number) => [0x61, bytes >> 8, bytes & 0xff, 0x5f, 0xf3]

describe('DUPn followed by a two-operand operation (run as one call on the duplicated word)', () => {
  // Operands that reach every path: zero, one, powers of two, small, sign-extension indexes, 53-bit edges, negative, MIN, MAX.
  const M = (1n << 256n) - 1n
  const values = [0n, 1n, 2n, 7n, 30n, 31n, 0x80n, 1n << 64n, (1n << 53n) - 1n, 1n << 53n, 0xffffffffn, M, M - 5n, 1n << 255n, (1n << 255n) - 1n,
    0x30644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd47n, 123456789n << 100n, 3n]
  const push32 = (v: bigint) => [0x7f, ...Buffer.from(v.toString(16).padStart(64, '0'), 'hex')]
  // The values (rotated, so the top — the second operand — varies), DUPn, op, then the top 16 words to memory.
  const program = (dup: number, op: number, rotation: number, tail: number) => Uint8Array.from([
    ...[...values.slice(rotation), ...values.slice(0, rotation)].flatMap(push32), 0x80 + dup - 1, op,
    ...storeStack(16), ...returnMemory(512), ...Array(tail).fill(0),
  ])
  const binaryOps = table.wordOps.flatMap((w, op) => (w === undefined ? [] : [op]))
  // Independent reference (bigint, Yellow Paper semantics): a is the top operand (the duplicated word), b the second.
  const signed = (x: bigint) => (x >> 255n ? x - (1n << 256n) : x)
  const unsigned = (x: bigint) => ((x % (1n << 256n)) + (1n << 256n)) % (1n << 256n)
  const semantics: Record<string, (a: bigint, b: bigint) => bigint> = {
    ADD: (a, b) => unsigned(a + b), SUB: (a, b) => unsigned(a - b), MUL: (a, b) => unsigned(a * b),
    DIV: (a, b) => (b === 0n ? 0n : a / b), MOD: (a, b) => (b === 0n ? 0n : a % b),
    SDIV: (a, b) => (b === 0n ? 0n : unsigned(signed(a) / signed(b))), SMOD: (a, b) => (b === 0n ? 0n : unsigned(signed(a) % signed(b))),
    LT: (a, b) => BigInt(a < b), GT: (a, b) => BigInt(a > b), SLT: (a, b) => BigInt(signed(a) < signed(b)), SGT: (a, b) => BigInt(signed(a) > signed(b)),
    EQ: (a, b) => BigInt(a === b), AND: (a, b) => a & b, OR: (a, b) => a | b, XOR: (a, b) => a ^ b,
    SIGNEXTEND: (a, b) => {
      if (a >= 31n) return b
      const bits = 8n * (a + 1n)
      const low = b & ((1n << bits) - 1n)
      return low >> (bits - 1n) ? unsigned(low - (1n << bits)) : low
    },
  }

  it('covers the binary operations', () => {
    expect(binaryOps.map((op) => table.names[op]).sort()).toEqual(['ADD', 'AND', 'DIV', 'EQ', 'GT', 'LT', 'MOD', 'MUL', 'OR', 'SDIV', 'SGT', 'SIGNEXTEND', 'SLT', 'SMOD', 'SUB', 'XOR'])
  })

  it('gives the per-instruction interpreter\'s result in the block loop and at both compile levels', () => {
    for (const op of binaryOps) {
      for (const rotation of [0, 4, 6, 12, 14]) {
        for (let dup = 1; dup <= 16; dup++) {
          const reference = run(MODES.interpreter, program(dup, op, rotation, 1), 0n, 1_000_000)
          expect(reference.status).toBe('success')
          const stack = [...values.slice(rotation), ...values.slice(0, rotation)].reverse() // top first
          const top = BigInt('0x' + reference.out.slice(2, 66))
          expect(top).toBe(semantics[table.names[op]](stack[dup - 1], stack[0]))
          expect(run(MODES.blocks, program(dup, op, rotation, 2), 0n, 1_000_000)).toEqual(reference)
          // Eager: first run interprets (and compiles), second runs the call level, third the inline level.
          const eager = program(dup, op, rotation, 3)
          for (let k = 0; k < 3; k++) expect(run(MODES.eager, eager, 0n, 1_000_000)).toEqual(reference)
        }
      }
    }
  })
})

/** Runs `code` in the interpreter, the block loop and (three times: interpret, call level, inline level) eagerly compiled; all must agree. */
function agreeAcrossTiers(code: number[], gasLimit = 1_000_000) {
  const reference = run(MODES.interpreter, Uint8Array.from([...code, 0]), 0n, gasLimit)
  expect(run(MODES.blocks, Uint8Array.from([...code, 0, 0]), 0n, gasLimit)).toEqual(reference)
  const eager = Uint8Array.from([...code, 0, 0, 0])
  for (let k = 0; k < 3; k++) expect(run(MODES.eager, eager, 0n, gasLimit)).toEqual(reference)
  return reference
}

describe('fused pairs agree with the per-instruction interpreter', () => {

  it('SWAPn; POP', () => {
    for (let n = 1; n <= 16; n++) {
      // Stack 1..17, SWAPn POP, then the 16 remaining words to memory.
      const r = agreeAcrossTiers([...Array.from({ length: 17 }, (_, i) => [0x60, i + 1]).flat(), 0x90 + n - 1, 0x50, ...storeStack(16), ...returnMemory(512)])
      expect(r.status).toBe('success')
      const words = Array.from({ length: 16 }, (_, i) => Number(BigInt('0x' + r.out.slice(2 + 64 * i, 66 + 64 * i))))
      // The old top (17) replaced word n below it; POP removed the copy of that word.
      const expected = Array.from({ length: 16 }, (_, i) => 16 - i)
      expected[n - 1] = 17
      expect(words).toEqual(expected)
    }
  })

  it('DUPn; MLOAD and DUPn; MSTORE, in bounds, growing memory, and out of gas on a huge offset', () => {
    for (let n = 1; n <= 16; n++) {
      // Words: 16 offsets (0, 32, … with one at 2^40 when `huge`), DUPn MSTORE stores the old top at offset n-1's
      // value; DUPn MLOAD reads it back; then the stack to memory.
      for (const huge of [false, true]) {
        const offsets = Array.from({ length: 16 }, (_, i) => (huge && i === 16 - n ? 2 ** 40 : 64 + 32 * ((i * 7) % 16)))
        const pushes = offsets.flatMap((o) => [0x65, ...Buffer.from(o.toString(16).padStart(12, '0'), 'hex')])
        for (const op of [0x51, 0x52]) {
          const code = [...pushes, 0x80 + n - 1, op, ...(op === 0x52 ? [0x80 + Math.min(n, 15) - 1, 0x51] : []), ...storeStack(15), ...returnMemory(1024)]
          const r = agreeAcrossTiers(code, 200_000)
          expect(r.status).toBe(huge ? 'error' : 'success')
        }
      }
    }
  })

  it('PUSH k; SHL/SHR/SAR and PUSH offset; MLOAD/MSTORE with constants of every size', () => {
    const pushConst = (v: number) => (v === 0 ? [0x5f] : v < 256 ? [0x60, v] : [0x64, ...Buffer.from(v.toString(16).padStart(10, '0'), 'hex')])
    const operands = [1n, (1n << 255n) | 0x1234n, (1n << 256n) - 1n, 0x8000000000000000n]
    for (const op of [0x1b, 0x1c, 0x1d]) {
      for (const k of [0, 1, 31, 32, 255, 256, 300, 2 ** 32 - 1, 2 ** 32]) {
        // Each operand shifted by k (four times, so a block has enough instructions to compile), then to memory.
        const code = [...operands.flatMap((v) => [0x7f, ...Buffer.from(v.toString(16).padStart(64, '0'), 'hex'), ...pushConst(k), op]), ...storeStack(4), ...returnMemory(128)]
        const r = agreeAcrossTiers(code)
        expect(r.status).toBe('success')
      }
    }
    for (const offset of [0, 32, 100, 4000, 2 ** 32 - 1, 2 ** 32]) {
      // Store 0x2a at the offset, load it back twice, add, return (huge offsets run out of gas).
      const code = [0x60, 0x2a, ...pushConst(offset), 0x52, ...pushConst(offset), 0x51, ...pushConst(offset), 0x51, 0x01, 0x5f, 0x52, ...returnMemory(32)]
      const r = agreeAcrossTiers(code, 100_000)
      expect(r.status).toBe(offset < 2 ** 20 ? 'success' : 'error')
      if (r.status === 'success') expect(BigInt(r.out)).toBe(84n)
    }
  })

  // PUSH dest; JUMP and PUSH dest; JUMPI (taken or not) to a JUMPDEST, to a non-JUMPDEST, into PUSH data and past the end.
  it('PUSH dest; JUMP(I), valid and invalid destinations', () => {
    const outcomes = new Set<string>()
    for (const jump of ['JUMP', 'JUMPI taken', 'JUMPI not taken']) {
      for (const [dest, size] of [[17, 1], [17, 2], [16, 1], [13, 1], [200, 1], [0x10011, 3]] as const) {
        const push = size === 1 ? [0x60, dest] : size === 2 ? [0x61, dest >> 8, dest & 0xff] : [0x62, dest >> 16, (dest >> 8) & 0xff, dest & 0xff]
        // Four instructions first: shorter blocks are not worth compiling.
        const code = [0x5f, 0x50, 0x5f, 0x50, ...(jump === 'JUMP' ? [...push, 0x56] : [0x60, jump === 'JUMPI taken' ? 1 : 0, ...push, 0x57])]
        while (code.length < 12) code.push(0x5f) // PUSH0 padding
        code.push(0x60, 0x5b) // 12: PUSH1 0x5b — a JUMPDEST byte inside push data at 13
        code.push(0x60, 0x07) // 14: PUSH1 7
        code.push(0x00) // 16: STOP, not a JUMPDEST
        code.push(0x5b, 0x60, 0x2a, 0x5f, 0x52, 0x60, 0x20, 0x5f, 0xf3) // 17: JUMPDEST, return 42
        const r = agreeAcrossTiers(code)
        const taken = jump !== 'JUMPI not taken'
        const expected = !taken ? 'success:0x' : dest === 17 ? `success:0x${'2a'.padStart(64, '0')}` : 'error:0x'
        expect(`${r.status}:${r.out}`).toBe(expected)
        outcomes.add(expected)
      }
    }
    expect(outcomes.size).toBe(3)
  })
})

it('where code generation is forbidden (CSP, worker runtimes), the compiled tier stays in the block loop', () => {
  const script = join(import.meta.dirname, 'no-codegen-run.ts')
  const out = execFileSync(process.execPath, ['--disallow-code-generation-from-strings', '--conditions=source', '--import', 'tsx', script], { encoding: 'utf8' })
  expect(JSON.parse(out)).toEqual((({ status, gasUsed, out: o }) => ({ status, gasUsed, out: o }))(run(MODES.interpreter, LOOP, 20n, 1_000_000)))
})
