/**
 * keccak256 for the state: the WebAssembly kernel of @zvm/primitives where it
 * runs (fast from the first call: a fresh process hashing its first contract
 * code would otherwise run @noble/hashes' Keccak-f in V8's interpreter), else
 * @noble/hashes. Both give the same digests (keccak.test.ts).
 */
import { keccak_256 } from '@noble/hashes/sha3.js'
import { keccak256Kernel, keccakKernel } from '@zvm/primitives'

/** keccak256(`data`), a new 32-byte array. */
export function keccak256(data: Uint8Array): Uint8Array {
  const k = keccakKernel()
  if (k === undefined) return keccak_256(data)
  keccak256Kernel(k, data, 0, data.length)
  return k.bytes.slice(k.state, k.state + 32)
}
