/** Hashes every state implementation needs. */
import { keccak_256 } from '@noble/hashes/sha3.js'
import { bytesToHex, keepHiddenClass, type Hex } from '@zvm/primitives'
import { keccak256 } from './keccak.ts'

/**
 * keccak256 of empty bytes: the code hash of an account without code.
 *
 * @example
 * ```ts
 * import { KECCAK_EMPTY } from '@zvm/state'
 * KECCAK_EMPTY // '0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470'
 * ```
 */
export const KECCAK_EMPTY: Hex = '0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470'

/**
 * The code hash of `code` (KECCAK_EMPTY for empty code).
 *
 * @example
 * ```ts
 * import { codeHashOf } from '@zvm/state'
 * codeHashOf(new Uint8Array(0)) === KECCAK_EMPTY // true
 * ```
 */
export function codeHashOf(code: Uint8Array): Hex {
  return code.length === 0 ? KECCAK_EMPTY : bytesToHex(keccak256(code))
}

// keccak_256 makes a hasher object per call: keep one so its hidden class outlives a full GC (see keepHiddenClass).
keepHiddenClass(keccak_256.create())
