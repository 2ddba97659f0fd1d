import { OP } from '@zvm/bytecode'
import { expect, it } from 'vitest'
import { GasMeter, memoryExpansionCost, NATIVE_STORAGE_GAS, OPCODE_COSTS, sstoreCost, sstoreRefund } from './index.ts'

it('the README example holds', () => {
  const sstore = OPCODE_COSTS[OP.SSTORE] + sstoreCost(0n, 0n, 42n, false, NATIVE_STORAGE_GAS)
  const sload = OPCODE_COSTS[OP.SLOAD] + 100
  expect(3 * OPCODE_COSTS[OP.PUSH1] + sstore + sload).toBe(20309)
  expect(memoryExpansionCost(0, 0, 64)).toBe(6)
  expect(sstoreRefund(5n, 5n, 0n, NATIVE_STORAGE_GAS)).toBe(4800)
  const meter = new GasMeter(21_000)
  meter.consume(20_000)
  meter.addRefund(4_800)
  expect(meter.finalRefund()).toBe(4000)
})
