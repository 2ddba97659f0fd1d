/** SLOAD / SSTORE (EIP-2929 warmth, EIP-2200 net metering, EIP-3529 refunds) and TLOAD / TSTORE (EIP-1153). */
import { sloadCost, sstoreCost, sstoreRefund } from '@zvm/gas'
import { word as w } from '@zvm/primitives'
import type { Frame } from '../frame.ts'
import { Halt } from '../halt.ts'
import { wordBigInt } from '../word-bigints.ts'
import { declareTraits, OBSERVES_GAS, PLAIN } from '../traits.ts'

export function sload(f: Frame, pc: number): number {
  const a = (f.sp - 1) << 3
  const state = f.ctx.state
  const key = wordBigInt(f.stack, a)
  const isCold = state.warmSlot(f.address, key)
  const cost = sloadCost(isCold, f.ctx.table.schedule.storage)
  if (cost > f.gasLeft) { f.halt = Halt.OutOfGas; return -1 }
  f.gasLeft -= cost
  w.fromBigInt(f.stack, a, state.sload(f.address, key))
  return pc + 1
}

export function sstore(f: Frame, pc: number): number {
  if (f.isStatic) { f.halt = Halt.StaticStateChange; return -1 }
  const schedule = f.ctx.table.schedule.storage
  // EIP-2200: never write with only the stipend left.
  if (f.gasLeft <= schedule.sentry) { f.halt = Halt.OutOfGas; return -1 }
  const a = (f.sp - 1) << 3
  const state = f.ctx.state
  const key = wordBigInt(f.stack, a)
  const value = w.toBigInt(f.stack, a - 8)
  f.sp -= 2
  const original = state.getOriginalStorage(f.address, key)
  const current = state.sload(f.address, key)
  const isCold = state.warmSlot(f.address, key)
  const cost = sstoreCost(original, current, value, isCold, schedule)
  if (cost > f.gasLeft) { f.halt = Halt.OutOfGas; return -1 }
  f.gasLeft -= cost
  f.refund += sstoreRefund(original, current, value, schedule)
  if (current !== value) state.sstore(f.address, key, value)
  return pc + 1
}

export function tload(f: Frame, pc: number): number {
  const a = (f.sp - 1) << 3
  w.fromBigInt(f.stack, a, f.ctx.state.tload(f.address, w.toBigInt(f.stack, a)))
  return pc + 1
}

export function tstore(f: Frame, pc: number): number {
  if (f.isStatic) { f.halt = Halt.StaticStateChange; return -1 }
  const a = (f.sp - 1) << 3
  f.ctx.state.tstore(f.address, w.toBigInt(f.stack, a), w.toBigInt(f.stack, a - 8))
  f.sp -= 2
  return pc + 1
}

for (const op of [sload, tload, tstore]) declareTraits(op, PLAIN)
for (const op of [sstore]) declareTraits(op, OBSERVES_GAS)
