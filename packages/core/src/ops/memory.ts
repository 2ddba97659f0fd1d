/** Memory operations and the shared expansion charge. */
import { memoryExpansionCost, toWordSize } from '@zvm/gas'
import { word as w } from '@zvm/primitives'
import type { Frame } from '../frame.ts'
import { Halt } from '../halt.ts'
import { declareTraits, PLAIN, PURE } from '../traits.ts'

/**
 * Charges for and grows memory to cover [offset, offset + size). `offset` and
 * `size` come from `word.toSmall` (-1 when at least 2^32, which no gas pays
 * for). A zero size never expands, whatever the offset. Returns false after
 * setting OutOfGas, or MemoryLimitExceeded past the limits of limits.ts.
 */
export function expandMemory(f: Frame, offset: number, size: number): boolean {
  if (size === 0) return true
  if (offset < 0 || size < 0) { f.halt = Halt.OutOfGas; return false }
  const end = offset + size
  const m = f.memory
  if (end <= m.size) return true
  const cost = memoryExpansionCost(m.words, offset, size)
  if (cost > f.gasLeft) { f.halt = Halt.OutOfGas; return false }
  // Payable only with absurd gas: refuse rather than exhaust the process's memory (the
  // frame's share of the message's limit, set by the executor; one comparison on this hot path).
  if (end > f.memoryLimit) { f.halt = Halt.MemoryLimitExceeded; return false }
  f.gasLeft -= cost
  m.grow(end)
  return true
}

/** Charges `perWord` gas per 32-byte word of `size` bytes (copies, hashes). */
export function chargeWords(f: Frame, size: number, perWord: number): boolean {
  const cost = perWord * toWordSize(size)
  if (cost > f.gasLeft) { f.halt = Halt.OutOfGas; return false }
  f.gasLeft -= cost
  return true
}

export function mload(f: Frame, pc: number): number {
  const a = (f.sp - 1) << 3
  return mloadAt(f, a, a) ? pc + 1 : -1
}

export function mstore(f: Frame, pc: number): number {
  const a = (f.sp - 1) << 3
  if (!mstoreAt(f, a, a - 8)) return -1
  f.sp -= 2
  return pc + 1
}

/** MLOAD at a constant offset into slot `out` (a compiled `PUSH offset; MLOAD`); false after a halt. */
export function mloadFrom(f: Frame, offset: number, out: number): boolean {
  if (!expandMemory(f, offset, 32)) return false
  w.loadWordBE(f.stack, out, f.memory.data, offset)
  return true
}

/** MSTORE of slot `value` at a constant offset (a compiled `PUSH offset; MSTORE`); false after a halt. */
export function mstoreTo(f: Frame, offset: number, value: number): boolean {
  if (!expandMemory(f, offset, 32)) return false
  w.storeWordBE(f.stack, value, f.memory.data, offset)
  return true
}

/** MLOAD of the offset in stack slot `at` into slot `out` (MLOAD itself, or a block's `DUPn; MLOAD`); false after a halt. */
export function mloadAt(f: Frame, at: number, out: number): boolean {
  return mloadFrom(f, w.toSmall(f.stack, at), out)
}

/** MSTORE of slot `value` at the offset in slot `at` (MSTORE itself, or a block's `DUPn; MSTORE`); false after a halt. */
export function mstoreAt(f: Frame, at: number, value: number): boolean {
  return mstoreTo(f, w.toSmall(f.stack, at), value)
}

export function mstore8(f: Frame, pc: number): number {
  const a = (f.sp - 1) << 3
  const offset = w.toSmall(f.stack, a)
  if (!expandMemory(f, offset, 1)) return -1
  f.memory.buffer[offset] = f.stack[a - 8] & 0xff
  f.sp -= 2
  return pc + 1
}

export function msize(f: Frame, pc: number): number {
  w.setNumber(f.stack, f.sp << 3, f.memory.size)
  f.sp++
  return pc + 1
}

/** MCOPY (EVM, EIP-5656): (dest, src, size). */
export function mcopy(f: Frame, pc: number): number {
  const a = (f.sp - 1) << 3
  const s = f.stack
  const size = w.toSmall(s, a - 16)
  f.sp -= 3
  if (size === 0) return pc + 1
  const dest = w.toSmall(s, a)
  const src = w.toSmall(s, a - 8)
  if (size < 0 || dest < 0 || src < 0) { f.halt = Halt.OutOfGas; return -1 }
  if (!chargeWords(f, size, f.ctx.table.schedule.copyPerWord)) return -1
  if (!expandMemory(f, Math.max(dest, src), size)) return -1
  f.memory.buffer.copyWithin(dest, src, src + size)
  return pc + 1
}

for (const op of [msize]) declareTraits(op, PURE)
for (const op of [mload, mstore, mstore8, mcopy]) declareTraits(op, PLAIN)
