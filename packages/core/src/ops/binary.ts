/** Builds two-operand word operations: (a = top, b = second) → a op b, written over b. */
import type { Frame } from '../frame.ts'
import type { Operation } from '../table.ts'

export type WordOp = (s: Uint32Array, a: number, b: number, out: number) => void

/** An operation built by {@link binary}; `word` lets the block compiler call the word function directly. */
export type BinaryOperation = Operation & { readonly word: WordOp }

export function binary(fn: WordOp): BinaryOperation {
  const op = (f: Frame, pc: number): number => {
    const a = (f.sp - 1) << 3
    fn(f.stack, a, a - 8, a - 8)
    f.sp--
    return pc + 1
  }
  return Object.assign(op, { word: fn })
}

/** The word function of an operation built by {@link binary}, else undefined. */
export function wordOf(op: Operation): WordOp | undefined {
  const word = (op as Partial<BinaryOperation>).word
  return typeof word === 'function' ? word : undefined
}
