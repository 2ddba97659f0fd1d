import { keccak_256 } from '@noble/hashes/sha3.js'
import { useKeccakKernel, word as w } from '@zvm/primitives'
import fc from 'fast-check'
import { expect, it } from 'vitest'
import { keccak256Word } from './keccak-cache.ts'

/** keccak256Word of src[offset, offset + length) as hex, written into a stack word at a random-ish position. */
function hashHex(src: Uint8Array, offset = 0, length = src.length): string {
  const stack = new Uint32Array(24).fill(0xdeadbeef)
  keccak256Word(src, offset, length, stack, 8)
  const bytes = new Uint8Array(32)
  w.storeBytes32(stack, 8, bytes, 0)
  expect(stack[7]).toBe(0xdeadbeef) // nothing written outside the word
  expect(stack[16]).toBe(0xdeadbeef)
  return Buffer.from(bytes).toString('hex')
}
const reference = (data: Uint8Array): string => Buffer.from(keccak_256(data)).toString('hex')

it('memoized keccak256 equals @noble/hashes on repeated, colliding and long inputs', () => {
  // A small pool forces repeats (hits); thousands of distinct inputs force slot collisions (evictions).
  const pool = fc.uint8Array({ minLength: 0, maxLength: 100 })
  fc.assert(fc.property(fc.array(pool, { minLength: 1, maxLength: 8 }), fc.array(fc.nat(7), { minLength: 1, maxLength: 64 }), (inputs, picks) => {
    for (const p of picks) {
      const data = inputs[p % inputs.length]
      expect(hashHex(data)).toBe(reference(data))
    }
  }), { numRuns: 300, seed: 7 })
  for (let i = 0; i < 20_000; i++) {
    const data = new Uint8Array(64)
    new DataView(data.buffer).setUint32(60, i)
    const cached = hashHex(data)
    if (i % 997 === 0) expect(cached).toBe(reference(data))
  }
  // Same bytes, different length, are different inputs.
  expect(hashHex(new Uint8Array(32))).toBe(reference(new Uint8Array(32)))
  expect(hashHex(new Uint8Array(33))).toBe(reference(new Uint8Array(33)))
})

it('hashes a range inside a larger buffer (memory), hit or miss, at any offset', () => {
  fc.assert(fc.property(fc.uint8Array({ minLength: 0, maxLength: 300 }), fc.nat(300), fc.nat(300), (buffer, x, y) => {
    const offset = Math.min(x, buffer.length)
    const length = Math.min(y, buffer.length - offset)
    const expected = reference(buffer.subarray(offset, offset + length))
    expect(hashHex(buffer, offset, length)).toBe(expected) // miss (or a hit from an earlier run)
    expect(hashHex(buffer, offset, length)).toBe(expected) // hit for ≤ 64 bytes
  }), { numRuns: 500, seed: 11 })
})

it('without WebAssembly (JavaScript Keccak-f), the same digests', () => {
  useKeccakKernel(false)
  try {
    fc.assert(fc.property(fc.uint8Array({ minLength: 0, maxLength: 200 }), (data) => {
      expect(hashHex(data)).toBe(reference(data))
    }), { numRuns: 200, seed: 13 })
  } finally {
    useKeccakKernel(true)
  }
})
