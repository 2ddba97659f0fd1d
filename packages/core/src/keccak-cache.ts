/**
 * KECCAK256 of short inputs, memoized. Solidity recomputes
 * keccak256(key ‖ slot) on every mapping access, so the same 64-byte inputs
 * are hashed over and over; a direct-mapped table of recent inputs answers
 * those with a 64-byte compare instead of a Keccak-f permutation. Results
 * are the hash, always: a slot is only used after comparing the whole input.
 * Misses run the WebAssembly Keccak-f[1600] kernel of @zvm/primitives
 * (fast from the first call, about ten times @noble/hashes' JavaScript once
 * both are optimised) on its own memory, with no allocation per hash; where
 * WebAssembly is unavailable, @noble/hashes' Keccak-f on a preallocated
 * state (inputs of one rate block) or `keccak_256` itself. Digests are kept as stack words (eight little-endian
 * u32 limbs), so the opcode reads memory and writes the stack with no
 * intermediate arrays.
 */
import { keccak_256, keccakP } from '@noble/hashes/sha3.js'
import { keccak256Kernel, keccakKernel, word as w } from '@zvm/primitives'
import { fnv1a32 } from './fnv.ts'

const MAX_INPUT = 64
const SLOTS = 4096 // power of two
const inputs = new Uint8Array(SLOTS * MAX_INPUT)
const lengths = new Int8Array(SLOTS).fill(-1)
/** Digest of each slot as a word: limb i holds digest bytes [28 − 4i, 32 − 4i) big-endian. */
const digestWords = new Uint32Array(SLOTS * 8)

// Keccak-256 sponge: rate 136 bytes, padding 0x01 … 0x80 (pre-SHA-3 Keccak).
const RATE = 136
const state = new Uint32Array(50)
const stateBytes = new Uint8Array(state.buffer)
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1

const byteSwap = (x: number): number => ((x << 24) | ((x & 0xff00) << 8) | ((x >>> 8) & 0xff00) | (x >>> 24)) >>> 0

/**
 * Writes keccak256(src[offset, offset + length)) as a word at `stack[o..o+8)`.
 * The range must lie inside `src`.
 */
export function keccak256Word(src: Uint8Array, offset: number, length: number, stack: Uint32Array, o: number): void {
  const kernel = LITTLE_ENDIAN ? keccakKernel() : undefined
  if (length > MAX_INPUT || !LITTLE_ENDIAN) {
    if (kernel === undefined) {
      w.loadBytes32(stack, o, keccak_256(src.subarray(offset, offset + length)), 0)
      return
    }
    keccak256Kernel(kernel, src, offset, length)
    const digest = kernel.state32
    for (let i = 0; i < 8; i++) stack[o + i] = byteSwap(digest[7 - i])
    return
  }
  const slot = fnv1a32(src, offset, length) & (SLOTS - 1)
  const base = slot * MAX_INPUT
  const words = slot * 8
  if (lengths[slot] === length) {
    let same = true
    for (let i = 0; i < length; i++) {
      if (inputs[base + i] !== src[offset + i]) { same = false; break }
    }
    if (same) {
      for (let i = 0; i < 8; i++) stack[o + i] = digestWords[words + i]
      return
    }
  }
  let digest: Uint32Array = state
  if (kernel !== undefined) {
    const to = kernel.bytes
    const at = kernel.input
    for (let i = 0; i < length; i++) {
      const b = src[offset + i]
      inputs[base + i] = b
      to[at + i] = b
    }
    kernel.hash(length)
    digest = kernel.state32
  } else {
    for (let i = 0; i < length; i++) inputs[base + i] = src[offset + i]
    // One absorb, one permutation.
    state.fill(0)
    for (let i = 0; i < length; i++) stateBytes[i] = src[offset + i]
    stateBytes[length] ^= 0x01
    stateBytes[RATE - 1] ^= 0x80
    keccakP(state, 24)
  }
  lengths[slot] = length
  for (let i = 0; i < 8; i++) {
    const limb = byteSwap(digest[7 - i])
    digestWords[words + i] = limb
    stack[o + i] = limb
  }
}
