import { NATIVE_OPCODES, OP } from '@zvm/bytecode'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  cappedRefund, copyCost, createCost, expCost, GasMeter, hashCost, HASH_WORD_GAS, InvalidGasLimitError, logDataCost,
  memoryCost, memoryExpansionCost, NATIVE_STORAGE_GAS as N, OPCODE_COSTS, sloadCost, sstoreCost, sstoreRefund, UNPAYABLE,
} from './index.ts'

describe('OPCODE_COSTS', () => {
  it('has 256 entries matching the bytecode table', () => {
    expect(OPCODE_COSTS).toHaveLength(256)
    for (const info of NATIVE_OPCODES) expect(OPCODE_COSTS[info.code]).toBe(info.staticGas)
    // Spot checks against spec/native-isa.md.
    expect([OPCODE_COSTS[OP.ADD], OPCODE_COSTS[OP.MUL], OPCODE_COSTS[OP.ADDMOD], OPCODE_COSTS[OP.SSTORE], OPCODE_COSTS[OP.JUMPI]]).toEqual([3, 5, 8, 100, 10])
    expect([OPCODE_COSTS[OP.LOG4], OPCODE_COSTS[OP.CREATE2], OPCODE_COSTS[OP.HTS_CREATE], OPCODE_COSTS[OP.PQ_VERIFY_SPHINCS]]).toEqual([1875, 32000, 100500, 2000])
  })
})

describe('memory', () => {
  it('3w + w²/512', () => {
    expect(memoryCost(0)).toBe(0)
    expect(memoryCost(1)).toBe(3)
    expect(memoryCost(32)).toBe(98)
    expect(memoryCost(1024)).toBe(3 * 1024 + 2048)
  })
  it('expansion charges the difference and saturates beyond 2^32 bytes', () => {
    expect(memoryExpansionCost(0, 0, 32)).toBe(3)
    expect(memoryExpansionCost(1, 0, 32)).toBe(0)
    expect(memoryExpansionCost(1, 32, 1)).toBe(3)
    expect(memoryExpansionCost(0, 100, 0)).toBe(0)
    expect(memoryExpansionCost(0, 2 ** 32, 1)).toBe(UNPAYABLE)
  })
  it('is monotonic', () =>
    fc.assert(fc.property(fc.integer({ min: 0, max: 1 << 20 }), fc.integer({ min: 0, max: 1 << 20 }), (a, b) => {
      const [lo, hi] = a < b ? [a, b] : [b, a]
      expect(memoryCost(lo)).toBeLessThanOrEqual(memoryCost(hi))
      expect(memoryExpansionCost(lo, 0, hi * 32)).toBe(hi > lo ? memoryCost(hi) - memoryCost(lo) : 0)
    })))
})

describe('dynamic costs', () => {
  it('per word and per byte', () => {
    expect(copyCost(0)).toBe(0)
    expect(copyCost(33)).toBe(6)
    expect(hashCost(64, HASH_WORD_GAS.SHA256)).toBe(24)
    expect(hashCost(1, HASH_WORD_GAS.RIPEMD160)).toBe(120)
    expect(logDataCost(3)).toBe(24)
    expect(expCost(32)).toBe(1600)
    expect(createCost(33, false)).toBe(4)
    expect(createCost(33, true)).toBe(16)
  })
})

describe('storage (EIP-2200 / EIP-3529 on the native schedule)', () => {
  it('SLOAD dynamic part', () => {
    expect(sloadCost(true, N)).toBe(2100)
    expect(sloadCost(false, N)).toBe(100)
  })
  // [original, current, new, dynamic gas, refund] — the EIP-2200 cases with the native totals
  // (set 20100, reset 3000, warm 100, static 100 already charged).
  const cases: [bigint, bigint, bigint, number, number][] = [
    [0n, 0n, 0n, 0, 0],
    [0n, 0n, 1n, 20000, 0],
    [0n, 1n, 0n, 0, 20000],
    [0n, 1n, 2n, 0, 0],
    [1n, 1n, 0n, 2900, 4800],
    [1n, 1n, 2n, 2900, 0],
    [1n, 1n, 1n, 0, 0],
    [1n, 0n, 0n, 0, 0],
    [1n, 0n, 1n, 0, -4800 + 2900],
    [1n, 0n, 2n, 0, -4800],
    [1n, 2n, 0n, 0, 4800],
    [1n, 2n, 1n, 0, 2900],
    [1n, 2n, 3n, 0, 0],
  ]
  for (const [o, c, n, gas, refund] of cases) {
    it(`original ${o}, current ${c}, new ${n}`, () => {
      expect(sstoreCost(o, c, n, false, N)).toBe(gas)
      expect(sstoreRefund(o, c, n, N)).toBe(refund)
    })
  }
  it('refunds are capped at a fifth of gas used', () => {
    expect(cappedRefund(10_000, 20_000)).toBe(4000)
    expect(cappedRefund(100, 20_000)).toBe(100)
    expect(cappedRefund(-5, 20_000)).toBe(0)
  })
})

describe('GasMeter', () => {
  it('consumes, refuses overdraft, refunds with a cap', () => {
    const m = new GasMeter(1000)
    expect(m.consume(600)).toBe(true)
    expect(m.consume(500)).toBe(false)
    expect(m.remaining).toBe(400)
    m.giveBack(100)
    expect(m.used).toBe(500)
    m.addRefund(300)
    expect(m.finalRefund()).toBe(100)
    m.consumeAll()
    expect(m.remaining).toBe(0)
  })
  it('rejects bad limits and amounts', () => {
    expect(() => new GasMeter(-1)).toThrow(InvalidGasLimitError)
    expect(() => new GasMeter(1.5)).toThrow(InvalidGasLimitError)
    expect(new GasMeter(10).consume(Number.NaN)).toBe(false)
    expect(new GasMeter(10).consume(-1)).toBe(false)
  })
})
