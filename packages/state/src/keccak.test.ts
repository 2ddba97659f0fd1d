import { keccak_256 } from '@noble/hashes/sha3.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { keccakKernel, useKeccakKernel } from '@zvm/primitives'
import { keccak256 } from './keccak.ts'

describe('keccak256 (WebAssembly kernel)', () => {
  it('runs on the kernel here', () => {
    expect(keccakKernel()).toBeDefined()
  })

  it('equals @noble/hashes on random inputs of random lengths (rate boundaries and chunked inputs included)', () => {
    const agrees = (n: number, seed: number): void => {
      const data = new Uint8Array(n)
      for (let i = 0, x = seed | 1; i < n; i++) data[i] = (x = (Math.imul(x, 1103515245) + 12345) | 0) >>> 24
      expect(keccak256(data)).toEqual(keccak_256(data))
    }
    fc.assert(fc.property(fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.constantFrom(135, 136, 137, 271, 272, 273)), fc.integer(), agrees), { numRuns: 300 })
    // Longer than the kernel's 54,400-byte input buffer: absorbed in chunks.
    fc.assert(fc.property(fc.integer({ min: 54_000, max: 110_000 }), fc.integer(), agrees), { numRuns: 6 })
  })

  it('falls back to @noble/hashes without WebAssembly', () => {
    useKeccakKernel(false)
    try {
      expect(keccakKernel()).toBeUndefined()
      const data = new TextEncoder().encode('abc')
      expect(keccak256(data)).toEqual(keccak_256(data))
    } finally {
      useKeccakKernel(true)
    }
  })
})
