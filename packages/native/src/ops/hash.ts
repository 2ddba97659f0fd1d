/**
 * The native table's hashes over memory (KECCAK256, SHA256, RIPEMD160,
 * BLAKE2B-256) and TABLEHASH. They are priced by @zvm/gas NATIVE_OP_GAS
 * (measured: the library hashes run at 15–80 MB/s in JavaScript), not by
 * Ethereum's schedule.
 */
import { ripemd160 } from '@noble/hashes/legacy.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { ops, type Frame } from '@zvm/core'
import { NATIVE_OP_GAS, nativeSurcharge } from '@zvm/gas'
import { lazyModule, word as w } from '@zvm/primitives'

// @noble/hashes' blake2 module builds its tables at import (~15 ms, as much as @zvm/core): loaded on first BLAKE2B.
type Blake2Module = typeof import('@noble/hashes/blake2.js')
const blake2Module = lazyModule<Blake2Module>(import.meta.url, '@noble/hashes/blake2.js', () => import('@noble/hashes/blake2.js'))

const { digestInto, keccak256Word, makeHash } = ops.hash
const { withSurcharge } = ops.surcharge

export const nativeKeccak256 = withSurcharge(makeHash(keccak256Word, () => NATIVE_OP_GAS.KECCAK256.perWord), nativeSurcharge('KECCAK256'))
export const nativeSha256 = withSurcharge(makeHash(digestInto(sha256, false), () => NATIVE_OP_GAS.SHA256.perWord), nativeSurcharge('SHA256'))
/** RIPEMD160: the 20-byte digest right-aligned in the word. */
export const nativeRipemd160 = withSurcharge(makeHash(digestInto(ripemd160, true), () => NATIVE_OP_GAS.RIPEMD160.perWord), nativeSurcharge('RIPEMD160'))
export const nativeBlake2b = withSurcharge(
  makeHash(digestInto((d) => blake2Module.get().blake2b(d, { dkLen: 32 }), false), () => NATIVE_OP_GAS.BLAKE2B.perWord), nativeSurcharge('BLAKE2B'))

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

/** Loads blake2 with `import()` (see preloadNativeCrypto). */
export const preloadBlake2 = async (): Promise<void> => { await blake2Module.preload() }
