/** An operation with extra gas charged before it runs (the native table's measured prices, @zvm/gas NATIVE_OP_GAS). */
import { Halt } from '../halt.ts'
import type { Operation } from '../table.ts'
import { declareTraits, traitsOf } from '../traits.ts'

/** `op`, charging `gas` more than its static gas first (OutOfGas when it cannot be paid). */
export function withSurcharge(op: Operation, gas: number): Operation {
  if (gas <= 0) return op
  // The same traits, except that it can now halt (out of gas).
  return declareTraits((f, pc) => {
    if (gas > f.gasLeft) { f.halt = Halt.OutOfGas; return -1 }
    f.gasLeft -= gas
    return op(f, pc)
  }, { ...traitsOf(op), neverHalts: false })
}
