/**
 * KECCAK256 of short inputs, memoized. Solidity recomputes
 * keccak256(key ‖ slot) on every mapping access, so the same 64-byte inputs
 * are hashed over and over; a direct-mapped table of recent inputs answers
 * those with a 64-byte compare instead of a Keccak-f permutation. Misses and
 * longer inputs go to @noble/hashes. Results are the hash, always: a slot is
 * only used after comparing the whole input.
 */
import { keccak_256 } from '@noble/hashes/sha3.js'

const MAX_INPUT = 64
const SLOTS = 4096 // power of two
const inputs = new Uint8Array(SLOTS * MAX_INPUT)
const lengths = new Int8Array(SLOTS).fill(-1)
const outputs = new Uint8Array(SLOTS * 32)

/** FNV-1a over the bytes, reduced to a slot index. */
function slotOf(data: Uint8Array): number {
  let h = 0x811c9dc5 ^ data.length
  for (let i = 0; i < data.length; i++) h = Math.imul(h ^ data[i], 0x01000193)
  return (h ^ (h >>> 15)) & (SLOTS - 1)
}

/**
 * keccak256(data). The returned array may be a view into the cache, valid
 * until the next call: copy it before hashing again.
 */
export function keccak256Cached(data: Uint8Array): Uint8Array {
  if (data.length > MAX_INPUT) return keccak_256(data)
  const slot = slotOf(data)
  const base = slot * MAX_INPUT
  if (lengths[slot] === data.length) {
    let same = true
    for (let i = 0; i < data.length; i++) {
      if (inputs[base + i] !== data[i]) { same = false; break }
    }
    if (same) return outputs.subarray(slot * 32, slot * 32 + 32)
  }
  const digest = keccak_256(data)
  inputs.set(data, base)
  lengths[slot] = data.length
  outputs.set(digest, slot * 32)
  return digest
}
