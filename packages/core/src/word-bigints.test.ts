import fc from 'fast-check'
import { word as w } from '@zvm/primitives'
import { describe, expect, it } from 'vitest'
import { wordBigInt } from './word-bigints.ts'

const word = fc.oneof(fc.bigInt({ min: 0n, max: (1n << 256n) - 1n }), fc.bigInt({ min: 0n, max: 1000n }))

describe('wordBigInt', () => {
  it('gives the value word.toBigInt gives, for fresh, repeated and colliding words', () => {
    const stack = new Uint32Array(16)
    fc.assert(fc.property(fc.array(word, { minLength: 1, maxLength: 64 }), (values) => {
      // Each value twice (a hit the second time), interleaved with the others (evictions and collisions).
      for (const v of [...values, ...values.slice().reverse()]) {
        w.fromBigInt(stack, 8, v)
        expect(wordBigInt(stack, 8)).toBe(v)
      }
    }), { numRuns: 300 })
  })

  it('a word differing from a cached one in any single limb is not taken for it', () => {
    const stack = new Uint32Array(8)
    const base = (1n << 255n) | 0x1234n
    for (let limb = 0; limb < 8; limb++) {
      w.fromBigInt(stack, 0, base)
      expect(wordBigInt(stack, 0)).toBe(base)
      stack[limb] ^= 1 << 9
      expect(wordBigInt(stack, 0)).toBe(w.toBigInt(stack, 0))
      expect(wordBigInt(stack, 0)).not.toBe(base)
    }
  })
})
