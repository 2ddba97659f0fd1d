/** Hashing: KECCAK256, SHA256, RIPEMD160, BLAKE2B (blake2b-256) over memory, and TABLEHASH. */
import { blake2b } from '@noble/hashes/blake2.js'
import { ripemd160 } from '@noble/hashes/legacy.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { word as w } from '@zvm/primitives'
import type { Frame } from '../frame.ts'
import { keccak256Word } from '../keccak-cache.ts'
import { Halt } from '../halt.ts'
import type { Operation } from '../table.ts'
import { chargeWords, expandMemory } from './memory.ts'

const EMPTY = new Uint8Array(0)

function makeHash(hash: (data: Uint8Array) => Uint8Array, perWord: (f: Frame) => number, rightAligned: boolean): Operation {
  return (f, pc) => {
    const a = (f.sp - 1) << 3
    const size = w.toSmall(f.stack, a - 8)
    const offset = size === 0 ? 0 : w.toSmall(f.stack, a)
    if (size < 0) { f.halt = Halt.OutOfGas; return -1 }
    if (!chargeWords(f, size, perWord(f))) return -1
    if (!expandMemory(f, offset, size)) return -1
    const digest = hash(size === 0 ? EMPTY : f.memory.view(offset, size))
    if (rightAligned) w.loadBytesN(f.stack, a - 8, digest, 0, digest.length)
    else w.loadBytes32(f.stack, a - 8, digest, 0)
    f.sp--
    return pc + 1
  }
}

/** KECCAK256: hashes memory in place and writes the digest straight to the stack. */
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
export const sha256Op = makeHash(sha256, (f) => f.ctx.table.schedule.sha256PerWord, false)
/** RIPEMD160: the 20-byte digest right-aligned in the word. */
export const ripemd160Op = makeHash(ripemd160, (f) => f.ctx.table.schedule.ripemd160PerWord, true)
export const blake2bOp = makeHash((d) => blake2b(d, { dkLen: 32 }), (f) => f.ctx.table.schedule.blake2bPerWord, false)

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
