/** Control flow and frame endings: HALT/STOP, JUMP, JUMPI, PC, RETURN, REVERT, invalid bytes. */
import { word as w } from '@zvm/primitives'
import type { Frame } from '../frame.ts'
import { Halt } from '../halt.ts'
import { expandMemory } from './memory.ts'
import { declareTraits, PURE, TERMINATES } from '../traits.ts'

export function stop(f: Frame): number {
  f.halt = Halt.Stop
  return -1
}

export function nop(_f: Frame, pc: number): number {
  return pc + 1
}

/** Any unassigned byte. */
export function invalid(f: Frame): number {
  f.halt = Halt.InvalidOpcode
  return -1
}

function jumpTarget(f: Frame, o: number): number {
  const dest = w.toSmall(f.stack, o)
  if (dest < 0 || dest >= f.codeSize || f.jumpValid[dest] !== 1) return -1
  return dest
}

export function jump(f: Frame): number {
  const dest = jumpTarget(f, (f.sp - 1) << 3)
  f.sp--
  if (dest < 0) { f.halt = Halt.InvalidJump; return -1 }
  return dest
}

/** JUMPI (dest, condition): the destination is only checked when the jump is taken. */
export function jumpi(f: Frame, pc: number): number {
  const a = (f.sp - 1) << 3
  f.sp -= 2
  if (w.isZero(f.stack, a - 8)) return pc + 1
  const dest = jumpTarget(f, a)
  if (dest < 0) { f.halt = Halt.InvalidJump; return -1 }
  return dest
}

export function pcOp(f: Frame, pc: number): number {
  w.setNumber(f.stack, f.sp << 3, pc)
  f.sp++
  return pc + 1
}

function finish(f: Frame, halt: number): number {
  const a = (f.sp - 1) << 3
  const size = w.toSmall(f.stack, a - 8)
  const offset = size === 0 ? 0 : w.toSmall(f.stack, a)
  f.sp -= 2
  if (!expandMemory(f, offset, size)) return -1
  f.output = size === 0 ? new Uint8Array(0) : f.memory.read(offset, size)
  f.halt = halt
  return -1
}

/** RETURN (offset, size). */
export function ret(f: Frame): number {
  return finish(f, Halt.Return)
}

/** REVERT (offset, size): remaining gas goes back to the caller. */
export function revert(f: Frame): number {
  return finish(f, Halt.Revert)
}

for (const op of [stop, ret, revert, invalid]) declareTraits(op, TERMINATES)
for (const op of [nop, pcOp]) declareTraits(op, PURE)
declareTraits(jump, { jumps: 'always' })
declareTraits(jumpi, { jumps: 'conditional' })
