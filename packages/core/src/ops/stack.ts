/** Stack operations: POP, PUSHn (immediates read from padded code), DUPn, SWAPn. */
import { word as w } from '@zvm/primitives'
import type { Frame } from '../frame.ts'
import type { Operation } from '../table.ts'
import { declareTraits, PURE } from '../traits.ts'

/** What a PUSH/DUP/SWAP operation built here does, so the block loop can run it inline (see dispatch.ts). */
export interface StackShape {
  readonly kind: 'push' | 'dup' | 'swap'
  /** PUSH: immediate bytes; DUP/SWAP: n. */
  readonly n: number
}

const shapes = new WeakMap<Operation, StackShape>()

/** The shape of a stack operation built by this module, if it is one. */
export function stackShapeOf(op: Operation): StackShape | undefined {
  return shapes.get(op)
}

function shaped(op: Operation, kind: StackShape['kind'], n: number): Operation {
  shapes.set(op, { kind, n })
  return declareTraits(op, PURE)
}

export function pop(f: Frame, pc: number): number {
  f.sp--
  return pc + 1
}

/** PUSH0 (EVM only): pushes zero. */
export function push0(f: Frame, pc: number): number {
  w.setNumber(f.stack, f.sp << 3, 0)
  f.sp++
  return pc + 1
}
shaped(push0, 'push', 0)

/** PUSHn: `size` big-endian immediate bytes; the padded code makes a truncated PUSH read zeros. */
export function makePush(size: number): Operation {
  if (size === 1) {
    return shaped((f, pc) => {
      w.setNumber(f.stack, f.sp << 3, f.code[pc + 1])
      f.sp++
      return pc + 2
    }, 'push', 1)
  }
  return shaped((f, pc) => {
    w.loadImmediate(f.stack, f.sp << 3, f.code, pc + 1, size)
    f.sp++
    return pc + 1 + size
  }, 'push', size)
}

/** DUPn: copies the n-th word (1 = top) onto the top. */
export function makeDup(n: number): Operation {
  return shaped((f, pc) => {
    w.copyWord(f.stack, (f.sp - n) << 3, f.sp << 3)
    f.sp++
    return pc + 1
  }, 'dup', n)
}

/** SWAPn: exchanges the top with the (n+1)-th word. */
export function makeSwap(n: number): Operation {
  return shaped((f, pc) => {
    const s = f.stack
    const a = (f.sp - 1) << 3
    const b = (f.sp - 1 - n) << 3
    for (let i = 0; i < 8; i++) {
      const t = s[a + i]
      s[a + i] = s[b + i]
      s[b + i] = t
    }
    return pc + 1
  }, 'swap', n)
}

for (const op of [pop, push0]) declareTraits(op, PURE)
