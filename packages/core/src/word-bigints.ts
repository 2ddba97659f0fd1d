/**
 * Words as bigints, memoized, for storage keys and log topics. The state
 * keys storage by bigint and logs carry bigint topics, and a 256-bit word
 * becomes one through about ten intermediate bigints; Solidity code
 * addresses the same few mapping slots (keccak256(key ‖ slot)) and emits the
 * same event signatures and addresses over and over, so a direct-mapped table
 * of recent words answers those with an eight-limb compare and no allocation.
 * Measured on the ERC-20 loop: the conversion was a tenth of the run, and its
 * garbage a large part of the GC.
 */
import { word as w } from '@zvm/primitives'

const SLOTS = 1024 // power of two
const limbs = new Uint32Array(SLOTS * 8)
const keys: bigint[] = new Array<bigint>(SLOTS).fill(0n)
const filled = new Uint8Array(SLOTS)

/** The word at `stack[o..o+8)` as an unsigned bigint (the same value `word.toBigInt` gives; bigints are immutable, so sharing one is safe). */
export function wordBigInt(stack: Uint32Array, o: number): bigint {
  const l0 = stack[o]
  const l7 = stack[o + 7]
  // Mapping slots are hashes: their limbs are already well mixed.
  const slot = ((l0 ^ (l7 >>> 7) ^ Math.imul(stack[o + 3], 0x9e3779b1)) >>> 0) & (SLOTS - 1)
  const at = slot << 3
  if (limbs[at] === l0 && limbs[at + 7] === l7 && limbs[at + 1] === stack[o + 1] && limbs[at + 2] === stack[o + 2]
    && limbs[at + 3] === stack[o + 3] && limbs[at + 4] === stack[o + 4] && limbs[at + 5] === stack[o + 5]
    && limbs[at + 6] === stack[o + 6] && filled[slot] === 1) return keys[slot]
  const key = w.toBigInt(stack, o)
  for (let i = 0; i < 8; i++) limbs[at + i] = stack[o + i]
  keys[slot] = key
  filled[slot] = 1
  return key
}
