import fc from 'fast-check'
import type { Address } from '@zvm/primitives'
import { describe, expect, it } from 'vitest'
import { KalixDecodeError, KalixRevertError, KalixRuntime } from '../src/index.ts'
import { contractZvmc } from './fixtures.ts'

const ADMIN: Address = '0x00000000000000000000000000000000000ad111'
const OTHER: Address = '0x0000000000000000000000000000000000000077'

describe('counter (constructor arguments, state variables, signed and dynamic values)', () => {
  const zvmc = contractZvmc('counter')
  const rt = new KalixRuntime()
  const { address } = rt.deploy(zvmc, [41n, ADMIN])

  it('the constructor stores its arguments', () => {
    expect(rt.read(address, 'count')).toBe(41n)
    expect(rt.read(address, 'admin')).toBe(ADMIN)
  })

  it('increment returns the new count and emits Incremented with the caller indexed', () => {
    const r = rt.call(address, 'increment', [1n], { caller: OTHER })
    expect(r.outputs).toEqual([42n])
    expect(r.events).toEqual([{ name: 'Incremented', signature: 'Incremented(address,u64)', address, values: [OTHER, 42n], args: { by: OTHER, count: 42n } }])
    expect(rt.call(address, 'count').value).toBe(42n)
  })

  it('overflowing u64 reverts with its reason; reset is for the admin only', () => {
    expect(() => rt.call(address, 'increment', [(1n << 64n) - 1n])).toThrow(/reverted: overflow/)
    expect(() => rt.call(address, 'reset', [], { caller: OTHER })).toThrow(KalixRevertError)
    expect(() => rt.call(address, 'reset', [], { caller: OTHER })).toThrow(/not admin/)
    expect(rt.call(address, 'reset', [], { caller: ADMIN }).outputs).toEqual([])
    expect(rt.read(address, 'count')).toBe(0n)
  })

  it('signed values: negate(i64) round-trips through the contract', () => {
    for (const x of [0n, 1n, -1n, 123456789n, -(1n << 62n), (1n << 63n) - 1n]) expect(rt.call(address, 'negate', [x]).value).toBe(-x)
    // -(-2^63) = 2^63 is no i64: the result decoder refuses the word instead of wrapping it.
    expect(() => rt.call(address, 'negate', [-(1n << 63n)])).toThrow(KalixDecodeError)
    expect(() => rt.call(address, 'negate', [1n << 63n])).toThrow(/out of range for i64/)
  })

  it('echo returns every argument as it was sent (property)', () => {
    fc.assert(fc.property(
      fc.uint8Array({ maxLength: 80 }), fc.string({ unit: 'grapheme', maxLength: 40 }), fc.bigInt({ min: 0n, max: 255n }),
      fc.bigInt({ min: -(1n << 127n), max: (1n << 127n) - 1n }), fc.boolean(), fc.uint8Array({ minLength: 20, maxLength: 20 }),
      (b, s, small, big, flag, who) => {
        const addr = `0x${Buffer.from(who).toString('hex')}`
        const r = rt.call(address, 'echo', [b, s, small, big, flag, addr])
        expect(r.outputs).toEqual([b, s, small, big, flag, addr])
      }), { numRuns: 150 })
  })
})
