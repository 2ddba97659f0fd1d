/** Arithmetic: ADD … SIGNEXTEND, EVM semantics (x/0 = 0, full-precision ADDMOD/MULMOD). */
import { word as w } from '@zvm/primitives'
import type { Frame } from '../frame.ts'
import { Halt } from '../halt.ts'

import { binary } from './binary.ts'
import { declareTraits, PLAIN, PURE } from '../traits.ts'

export const add = binary(w.add)
export const sub = binary(w.sub)
export const mul = binary(w.mul)
export const div = binary(w.div)
export const sdiv = binary(w.sdiv)
export const mod = binary(w.mod)
export const smod = binary(w.smod)

/** ADDMOD (a, b, n) → (a + b) mod n. */
export function addmod(f: Frame, pc: number): number {
  const a = (f.sp - 1) << 3
  w.addmod(f.stack, a, a - 8, a - 16, a - 16)
  f.sp -= 2
  return pc + 1
}

/** MULMOD (a, b, n) → (a · b) mod n. */
export function mulmod(f: Frame, pc: number): number {
  const a = (f.sp - 1) << 3
  w.mulmod(f.stack, a, a - 8, a - 16, a - 16)
  f.sp -= 2
  return pc + 1
}

/** EXP (base, exponent) → base^exponent; the schedule's expPerByte per exponent byte on top (EIP-160: 50). */
export function exp(f: Frame, pc: number): number {
  const a = (f.sp - 1) << 3
  const cost = f.ctx.table.schedule.expPerByte * w.byteLength(f.stack, a - 8)
  if (cost > f.gasLeft) { f.halt = Halt.OutOfGas; return -1 }
  f.gasLeft -= cost
  w.exp(f.stack, a, a - 8, a - 8)
  f.sp--
  return pc + 1
}

/**
 * SIGNEXTEND (byteIndex, x) → x sign-extended from byte `byteIndex` (0 = lowest).
 * A two-operand word operation, so blocks fuse it with a preceding DUP.
 */
export const signextend = binary((s, a, b, out) => {
  const index = w.toSmall(s, a)
  if (out !== b) w.copyWord(s, b, out)
  if (index >= 0 && index < 31) w.signExtend(s, out, index)
})

for (const op of [add, sub, mul, div, sdiv, mod, smod, addmod, mulmod, signextend]) declareTraits(op, PURE)
for (const op of [exp]) declareTraits(op, PLAIN)
