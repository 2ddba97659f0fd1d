/**
 * How the block loop runs each byte of a table. An indirect call through the
 * operation table is a call V8 can neither predict nor inline, so the stack
 * instructions run inline and the most frequent operations are called from
 * their own call site (one known target each, which V8 inlines; the
 * bigint-backed ones stay out, they would bloat the loop). Kinds are
 * assigned by operation identity: an inline path always does exactly what
 * the table's operation does.
 */
import * as arith from './ops/arithmetic.ts'
import * as bit from './ops/bitwise.ts'
import * as control from './ops/control.ts'
import * as env from './ops/env.ts'
import * as mem from './ops/memory.ts'
import { pop, stackShapeOf } from './ops/stack.ts'
import type { Operation } from './table.ts'

export const Dispatch = {
  /** Any other operation: called through the table. */
  Table: 0,
  Push: 1, Dup: 2, Swap: 3, Pop: 4, Nop: 5,
  Add: 6, Sub: 7, And: 8, Or: 9, Xor: 10, Not: 11, Lt: 12, Gt: 13, Eq: 14, IsZero: 15, Shl: 16, Shr: 17,
  Mload: 18, Mstore: 19, CalldataLoad: 20,
  Jump: 21, Jumpi: 22, SignExtend: 23, Byte: 24, Sar: 25, Slt: 26, Sgt: 27,
} as const

const BY_OPERATION = new Map<Operation, number>([
  [pop, Dispatch.Pop], [control.nop, Dispatch.Nop],
  [arith.add, Dispatch.Add], [arith.sub, Dispatch.Sub],
  [bit.and, Dispatch.And], [bit.or, Dispatch.Or], [bit.xor, Dispatch.Xor], [bit.not, Dispatch.Not],
  [bit.lt, Dispatch.Lt], [bit.gt, Dispatch.Gt], [bit.eq, Dispatch.Eq], [bit.iszero, Dispatch.IsZero],
  [bit.shl, Dispatch.Shl], [bit.shr, Dispatch.Shr],
  [mem.mload, Dispatch.Mload], [mem.mstore, Dispatch.Mstore], [env.calldataload, Dispatch.CalldataLoad],
  [control.jump, Dispatch.Jump], [control.jumpi, Dispatch.Jumpi], [arith.signextend, Dispatch.SignExtend],
  [bit.byte, Dispatch.Byte], [bit.sar, Dispatch.Sar], [bit.slt, Dispatch.Slt], [bit.sgt, Dispatch.Sgt],
])

/** The dispatch kind of an operation and its argument (PUSHn: the immediate size; DUPn/SWAPn: n). */
export function dispatchOf(op: Operation): [kind: number, arg: number] {
  const shape = stackShapeOf(op)
  if (shape !== undefined && shape.n <= 32) {
    return [shape.kind === 'push' ? Dispatch.Push : shape.kind === 'dup' ? Dispatch.Dup : Dispatch.Swap, shape.n]
  }
  return [BY_OPERATION.get(op) ?? Dispatch.Table, 0]
}
