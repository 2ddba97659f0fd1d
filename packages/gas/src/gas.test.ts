import { NATIVE_OPCODES, NATIVE_OPCODES_BY_NAME, OP, type OpName } from '@zvm/bytecode'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  cappedRefund, createCost, memoryCost, memoryExpansionCost, NATIVE_GAS_SCHEDULE as S, NATIVE_STORAGE_GAS as N, OPCODE_COSTS,
  sloadCost, sstoreCost, sstoreRefund, toWordSize, UNPAYABLE,
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

describe('CREATE init code', () => {
  it('initCodePerWord per word, plus keccakPerWord per word for CREATE2', () => {
    expect(toWordSize(33)).toBe(2)
    expect(createCost(0, true, S)).toBe(0)
    expect(createCost(33, false, S)).toBe(2 * S.initCodePerWord)
    expect(createCost(33, true, S)).toBe(2 * (S.initCodePerWord + S.keccakPerWord))
    expect(createCost(33, true, { initCodePerWord: 1, keccakPerWord: 10 })).toBe(22)
    expect(createCost(2 ** 32 + 1, false, S)).toBe(UNPAYABLE)
  })
})

describe('NATIVE_GAS_SCHEDULE agrees with the native opcode table (one source for each value)', () => {
  const staticGas = (name: OpName): number => NATIVE_OPCODES_BY_NAME.get(name)!.staticGas
  it('account access ops charge the warm access statically', () => {
    for (const name of ['BALANCE', 'EXTCODESIZE', 'EXTCODECOPY', 'EXTCODEHASH', 'CALL', 'CALLCODE', 'DELEGATECALL', 'STATICCALL'] as const) {
      expect(staticGas(name), name).toBe(S.warmAccess)
    }
  })
  it('SSTORE static gas is what sstoreCost subtracts', () => {
    expect(staticGas('SSTORE')).toBe(S.storage.sstoreStatic)
    expect(S.storage).toBe(N)
  })
  it('the SSTORE sentry is the call stipend (EIP-2200)', () => {
    expect(S.storage.sentry).toBe(S.callStipend)
  })
  it('is frozen', () => {
    expect(Object.isFrozen(S)).toBe(true)
    expect(Object.isFrozen(N)).toBe(true)
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
  it('refunds are capped at gas used / refundQuotient', () => {
    expect(cappedRefund(10_000, 20_000, S.refundQuotient)).toBe(4000)
    expect(cappedRefund(100, 20_000, S.refundQuotient)).toBe(100)
    expect(cappedRefund(-5, 20_000, S.refundQuotient)).toBe(0)
    expect(cappedRefund(10_000, 20_000, 2)).toBe(10_000)
  })
})
