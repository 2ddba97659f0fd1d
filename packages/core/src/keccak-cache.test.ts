import { keccak_256 } from '@noble/hashes/sha3.js'
import fc from 'fast-check'
import { expect, it } from 'vitest'
import { keccak256Cached } from './keccak-cache.ts'

it('memoized keccak256 equals @noble/hashes on repeated, colliding and long inputs', () => {
  // A small pool forces repeats (hits); thousands of distinct inputs force slot collisions (evictions).
  const pool = fc.uint8Array({ minLength: 0, maxLength: 100 })
  fc.assert(fc.property(fc.array(pool, { minLength: 1, maxLength: 8 }), fc.array(fc.nat(7), { minLength: 1, maxLength: 64 }), (inputs, picks) => {
    for (const p of picks) {
      const data = inputs[p % inputs.length]
      expect(Buffer.from(keccak256Cached(data)).toString('hex')).toBe(Buffer.from(keccak_256(data)).toString('hex'))
    }
  }), { numRuns: 300, seed: 7 })
  for (let i = 0; i < 20_000; i++) {
    const data = new Uint8Array(64)
    new DataView(data.buffer).setUint32(60, i)
    const cached = keccak256Cached(data)
    if (i % 997 === 0) expect(Buffer.from(cached).equals(Buffer.from(keccak_256(data)))).toBe(true)
  }
  // Same bytes, different length, are different inputs.
  expect(Buffer.from(keccak256Cached(new Uint8Array(32))).equals(Buffer.from(keccak_256(new Uint8Array(32))))).toBe(true)
  expect(Buffer.from(keccak256Cached(new Uint8Array(33))).equals(Buffer.from(keccak_256(new Uint8Array(33))))).toBe(true)
})
