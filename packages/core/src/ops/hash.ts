/** Hashing: KECCAK256, SHA256, RIPEMD160, BLAKE2B (blake2b-256) over memory, and TABLEHASH. */
import { blake2b } from '@noble/hashes/blake2.js'
import { ripemd160 } from '@noble/hashes/legacy.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { NATIVE_OP_GAS, nativeSurcharge } from '@zvm/gas'
import { word as w } from '@zvm/primitives'
import type { Frame } from '../frame.ts'
import { keccak256Word } from '../keccak-cache.ts'
import { Halt } from '../halt.ts'
import type { Operation } from '../table.ts'
import { chargeWords, expandMemory } from './memory.ts'
import { withSurcharge } from './surcharge.ts'

/** Writes the hash of memory[offset, offset + size) as the word at `stack[o]`. */
type HashIntoWord = (memory: Uint8Array, offset: number, size: number, stack: Uint32Array, o: number) => void

/** A hash opcode (offset, size) → digest: size and memory gas charged, then `hashInto` writes the result. */
function makeHash(hashInto: HashIntoWord, perWord: (f: Frame) => number): Operation {
  return (f, pc) => {
    const a = (f.sp - 1) << 3
    const size = w.toSmall(f.stack, a - 8)
    const offset = size === 0 ? 0 : w.toSmall(f.stack, a)
    if (size < 0) { f.halt = Halt.OutOfGas; return -1 }
    if (!chargeWords(f, size, perWord(f))) return -1
    if (!expandMemory(f, offset, size)) return -1
    hashInto(f.memory.buffer, offset, size, f.stack, a - 8)
    f.sp--
    return pc + 1
  }
}

/** A library hash of the bytes, its digest loaded as a word (`rightAligned`: shorter digests fill the low bytes). */
function digestInto(hash: (data: Uint8Array) => Uint8Array, rightAligned: boolean): HashIntoWord {
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
export const sha256Op = makeHash(digestInto(sha256, false), (f) => f.ctx.table.schedule.sha256PerWord)
/** RIPEMD160: the 20-byte digest right-aligned in the word. */
export const ripemd160Op = makeHash(digestInto(ripemd160, true), (f) => f.ctx.table.schedule.ripemd160PerWord)
export const blake2bOp = makeHash(digestInto((d) => blake2b(d, { dkLen: 32 }), false), (f) => f.ctx.table.schedule.blake2bPerWord)

/**
 * The native table's hashes: priced by @zvm/gas NATIVE_OP_GAS (measured; the
 * library hashes run at 15–80 MB/s in JavaScript), not by Ethereum's schedule.
 */
export const nativeKeccak256 = withSurcharge(makeHash(keccak256Word, () => NATIVE_OP_GAS.KECCAK256.perWord), nativeSurcharge('KECCAK256'))
export const nativeSha256 = withSurcharge(makeHash(digestInto(sha256, false), () => NATIVE_OP_GAS.SHA256.perWord), nativeSurcharge('SHA256'))
export const nativeRipemd160 = withSurcharge(makeHash(digestInto(ripemd160, true), () => NATIVE_OP_GAS.RIPEMD160.perWord), nativeSurcharge('RIPEMD160'))
export const nativeBlake2b = withSurcharge(
  makeHash(digestInto((d) => blake2b(d, { dkLen: 32 }), false), () => NATIVE_OP_GAS.BLAKE2B.perWord), nativeSurcharge('BLAKE2B'))

const scratch = new Uint8Array(64)

/** TABLEHASH (key, slot) → keccak256(slot ‖ key): the storage slot of a KALIX table entry. */
export function tablehash(f: Frame, pc: number): number {
  const a = (f.sp - 1) << 3
  w.storeBytes32(f.stack, a - 8, scratch, 0)
  w.storeBytes32(f.stack, a, scratch, 32)
  keccak256Word(scratch, 0, 64, f.stack, a - 8)
  f.sp--
  return pc + 1
}
