/** Hashing opcodes: KECCAK256, and `makeHash` for an instruction set's other hashes over memory. */
import { word as w } from '@zvm/primitives'
import type { Frame } from '../frame.ts'
import { keccak256Word } from '../keccak-cache.ts'

export { keccak256Word }
import { Halt } from '../halt.ts'
import type { Operation } from '../table.ts'
import { declareTraits } from '../traits.ts'
import { chargeWords, expandMemory } from './memory.ts'

/** Writes the hash of memory[offset, offset + size) as the word at `stack[o]`. */
export type HashIntoWord = (memory: Uint8Array, offset: number, size: number, stack: Uint32Array, o: number) => void

/** A hash opcode (offset, size) → digest: size and memory gas charged, then `hashInto` writes the result. */
export function makeHash(hashInto: HashIntoWord, perWord: (f: Frame) => number): Operation {
  return declareTraits((f, pc) => {
    const a = (f.sp - 1) << 3
    const size = w.toSmall(f.stack, a - 8)
    const offset = size === 0 ? 0 : w.toSmall(f.stack, a)
    if (size < 0) { f.halt = Halt.OutOfGas; return -1 }
    if (!chargeWords(f, size, perWord(f))) return -1
    if (!expandMemory(f, offset, size)) return -1
    hashInto(f.memory.buffer, offset, size, f.stack, a - 8)
    f.sp--
    return pc + 1
  }, {})
}

/** A library hash of the bytes, its digest loaded as a word (`rightAligned`: shorter digests fill the low bytes). */
export function digestInto(hash: (data: Uint8Array) => Uint8Array, rightAligned: boolean): HashIntoWord {
  return (memory, offset, size, stack, o) => {
    const digest = hash(memory.subarray(offset, offset + size))
    if (rightAligned) w.loadBytesN(stack, o, digest, 0, digest.length)
    else w.loadBytes32(stack, o, digest, 0)
  }
}

/**
 * KECCAK256: hashes memory in place and writes the digest straight to the
 * stack (memoized for short inputs). Its own function, not a `makeHash`
 * closure: the EVM's hottest hash keeps call sites V8 sees one target at,
 * however many other hash ops share `makeHash`.
 */
export function keccak256(f: Frame, pc: number): number {
  const a = (f.sp - 1) << 3
  const size = w.toSmall(f.stack, a - 8)
  const offset = size === 0 ? 0 : w.toSmall(f.stack, a)
  if (size < 0) { f.halt = Halt.OutOfGas; return -1 }
  if (!chargeWords(f, size, f.ctx.table.schedule.keccakPerWord)) return -1
  if (!expandMemory(f, offset, size)) return -1
  keccak256Word(f.memory.buffer, offset, size, f.stack, a - 8)
  f.sp--
  return pc + 1
}
declareTraits(keccak256, {})
