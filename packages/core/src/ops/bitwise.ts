/** Comparison and bitwise operations: LT … SAR. Shift amount on top, value below. */
import { word as w } from '@zvm/primitives'
import type { Frame } from '../frame.ts'
import { binary } from './binary.ts'
import { declareTraits, PURE } from '../traits.ts'

// Comparisons: (a = top, b = second) → 1 or 0, written over b.
export const lt = binary((s, a, b, out) => w.setBool(s, out, w.cmp(s, a, b) < 0))
export const gt = binary((s, a, b, out) => w.setBool(s, out, w.cmp(s, a, b) > 0))
export const slt = binary((s, a, b, out) => w.setBool(s, out, w.scmp(s, a, b) < 0))
export const sgt = binary((s, a, b, out) => w.setBool(s, out, w.scmp(s, a, b) > 0))
export const eq = binary((s, a, b, out) => w.setBool(s, out, w.eq(s, a, b)))

export function iszero(f: Frame, pc: number): number {
  const a = (f.sp - 1) << 3
  w.setBool(f.stack, a, w.isZero(f.stack, a))
  return pc + 1
}

export const and = binary(w.and)

export const or = binary(w.or)

export const xor = binary(w.xor)

export function not(f: Frame, pc: number): number {
  const a = (f.sp - 1) << 3
  w.not(f.stack, a, a)
  return pc + 1
}

/** BYTE (i, x) → the i-th byte of x counting from the most significant. */
export function byte(f: Frame, pc: number): number {
  const a = (f.sp - 1) << 3
  const i = w.toSmall(f.stack, a)
  w.setNumber(f.stack, a - 8, i < 0 ? 0 : w.byteAt(f.stack, a - 8, i))
  f.sp--
  return pc + 1
}

function shiftAmount(s: Uint32Array, o: number): number {
  const n = w.toSmall(s, o)
  return n < 0 || n > 256 ? 256 : n
}

export function shl(f: Frame, pc: number): number {
  const a = (f.sp - 1) << 3
  w.shl(f.stack, a - 8, shiftAmount(f.stack, a), a - 8)
  f.sp--
  return pc + 1
}

export function shr(f: Frame, pc: number): number {
  const a = (f.sp - 1) << 3
  w.shr(f.stack, a - 8, shiftAmount(f.stack, a), a - 8)
  f.sp--
  return pc + 1
}

export function sar(f: Frame, pc: number): number {
  const a = (f.sp - 1) << 3
  w.sar(f.stack, a - 8, shiftAmount(f.stack, a), a - 8)
  f.sp--
  return pc + 1
}

for (const op of [lt, gt, slt, sgt, eq, iszero, and, or, xor, not, byte, shl, shr, sar]) declareTraits(op, PURE)
