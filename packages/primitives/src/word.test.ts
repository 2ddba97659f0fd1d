import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as w from './word.ts'
import { useWordKernel } from './word-kernel.ts'

const M = 1n << 256n
const MASK = M - 1n
const signed = (v: bigint): bigint => (v >= 1n << 255n ? v - M : v)
const u = (v: bigint): bigint => ((v % M) + M) % M

// Words biased toward the edges where limb carries and signs go wrong.
const edge = fc.constantFrom(0n, 1n, 2n, MASK, MASK - 1n, 1n << 255n, (1n << 255n) - 1n, 0xffffffffn, 1n << 32n, (1n << 64n) - 1n)
const near53 = fc.bigInt({ min: (1n << 53n) - 1000n, max: (1n << 53n) + 10n })
const powersOfTwo = fc.integer({ min: 0, max: 255 }).map((k) => 1n << BigInt(k))
const smallSigned = fc.bigInt({ min: -(1n << 60n), max: 1n << 60n }).map((v) => ((v % M) + M) % M)
const word = fc.oneof(near53, powersOfTwo, smallSigned, fc.bigInt({ min: 0n, max: 1n << 53n }), fc.bigInt({ min: 0n, max: MASK }), edge, fc.bigInt({ min: 0n, max: 1n << 70n }))

function run2(f: (s: Uint32Array, a: number, b: number, o: number) => void, a: bigint, b: bigint): bigint {
  const s = new Uint32Array(24)
  w.fromBigInt(s, 0, a)
  w.fromBigInt(s, 8, b)
  f(s, 0, 8, 16)
  return w.toBigInt(s, 16)
}

// Every check runs twice: with the WebAssembly kernel and on the bigint paths it replaces.
for (const kernel of [true, false]) describe(`word ops agree with a bigint reference (${kernel ? 'wasm kernel' : 'bigint paths'})`, () => {
  beforeAll(() => useWordKernel(kernel))
  afterAll(() => useWordKernel(true))

  const binary: [string, (s: Uint32Array, a: number, b: number, o: number) => void, (a: bigint, b: bigint) => bigint][] = [
    ['add', w.add, (a, b) => (a + b) & MASK],
    ['sub', w.sub, (a, b) => u(a - b)],
    ['mul', w.mul, (a, b) => (a * b) & MASK],
    ['div', w.div, (a, b) => (b === 0n ? 0n : a / b)],
    ['mod', w.mod, (a, b) => (b === 0n ? 0n : a % b)],
    ['sdiv', w.sdiv, (a, b) => (b === 0n ? 0n : u(signed(a) / signed(b)))],
    ['smod', w.smod, (a, b) => (b === 0n ? 0n : u(signed(a) % signed(b)))],
    ['and', w.and, (a, b) => a & b],
    ['or', w.or, (a, b) => a | b],
    ['xor', w.xor, (a, b) => a ^ b],
    ['exp', w.exp, (a, b) => { let r = 1n, x = a, e = b; while (e > 0n) { if (e & 1n) r = (r * x) & MASK; x = (x * x) & MASK; e >>= 1n } return r }],
  ]
  for (const [name, f, ref] of binary) {
    it(name, () => fc.assert(fc.property(word, word, (a, b) => run2(f, a, b) === ref(a, b)), { numRuns: 500 }))
  }

  it('comparisons', () =>
    fc.assert(fc.property(word, word, (a, b) => {
      const s = new Uint32Array(16)
      w.fromBigInt(s, 0, a); w.fromBigInt(s, 8, b)
      expect(w.cmp(s, 0, 8)).toBe(a < b ? -1 : a > b ? 1 : 0)
      const sa = signed(a), sb = signed(b)
      expect(w.scmp(s, 0, 8)).toBe(sa < sb ? -1 : sa > sb ? 1 : 0)
      expect(w.eq(s, 0, 8)).toBe(a === b)
      expect(w.isZero(s, 0)).toBe(a === 0n)
    }), { numRuns: 500 }))

  it('shifts, byte, not, signextend', () =>
    fc.assert(fc.property(word, fc.integer({ min: 0, max: 300 }), (a, n) => {
      const s = new Uint32Array(16)
      w.fromBigInt(s, 0, a)
      w.shl(s, 0, n, 8); expect(w.toBigInt(s, 8)).toBe(n >= 256 ? 0n : (a << BigInt(n)) & MASK)
      w.shr(s, 0, n, 8); expect(w.toBigInt(s, 8)).toBe(n >= 256 ? 0n : a >> BigInt(n))
      w.sar(s, 0, n, 8); expect(w.toBigInt(s, 8)).toBe(u(signed(a) >> BigInt(Math.min(n, 256))))
      expect(w.byteAt(s, 0, n)).toBe(n >= 32 ? 0 : Number((a >> BigInt(8 * (31 - n))) & 0xffn))
      w.not(s, 0, 8); expect(w.toBigInt(s, 8)).toBe(MASK ^ a)
      w.copyWord(s, 0, 8)
      w.signExtend(s, 8, n)
      let expected = a
      if (n < 31) {
        const bit = BigInt(n * 8 + 7)
        const low = a & ((1n << (bit + 1n)) - 1n)
        expected = (a >> bit) & 1n ? u(low - (1n << (bit + 1n))) : low
      }
      expect(w.toBigInt(s, 8)).toBe(expected)
    }), { numRuns: 500 }))

  it('addmod and mulmod use full precision', () =>
    fc.assert(fc.property(word, word, word, (a, b, n) => {
      const s = new Uint32Array(40)
      w.fromBigInt(s, 0, a); w.fromBigInt(s, 8, b); w.fromBigInt(s, 16, n)
      w.addmod(s, 0, 8, 16, 24); w.mulmod(s, 0, 8, 16, 32)
      expect(w.toBigInt(s, 24)).toBe(n === 0n ? 0n : (a + b) % n)
      expect(w.toBigInt(s, 32)).toBe(n === 0n ? 0n : (a * b) % n)
    }), { numRuns: 300 }))

  it('addmod and mulmod with the result written over the modulus (as the interpreter does)', () =>
    fc.assert(fc.property(word, word, word, (a, b, n) => {
      const s = new Uint32Array(24)
      w.fromBigInt(s, 0, a); w.fromBigInt(s, 8, b); w.fromBigInt(s, 16, n)
      w.addmod(s, 0, 8, 16, 16)
      expect(w.toBigInt(s, 16)).toBe(n === 0n ? 0n : (a + b) % n)
      w.fromBigInt(s, 16, n)
      w.mulmod(s, 0, 8, 16, 16)
      expect(w.toBigInt(s, 16)).toBe(n === 0n ? 0n : (a * b) % n)
      // Reduced operands take the limb path.
      if (n > 0n) {
        w.fromBigInt(s, 0, a % n); w.fromBigInt(s, 8, b % n); w.fromBigInt(s, 16, n)
        w.addmod(s, 0, 8, 16, 16)
        expect(w.toBigInt(s, 16)).toBe(((a % n) + (b % n)) % n)
      }
    }), { numRuns: 500 }))

  it('mulmod with moduli that repeat or differ in one limb (the modulus cache)', () => {
    const p = 21888242871839275222246405745257275088696311157297823662689037894645226208583n
    const moduli = [p, p ^ (1n << 100n), p ^ 1n, p ^ (1n << 255n), 7n]
    fc.assert(fc.property(fc.array(fc.tuple(word, word, fc.nat(moduli.length - 1)), { minLength: 1, maxLength: 20 }), (steps) => {
      const s = new Uint32Array(32)
      for (const [a, b, i] of steps) {
        const n = moduli[i]
        w.fromBigInt(s, 0, a); w.fromBigInt(s, 8, b); w.fromBigInt(s, 16, n)
        w.mulmod(s, 0, 8, 16, 24)
        expect(w.toBigInt(s, 24)).toBe((a * b) % n)
      }
    }), { numRuns: 200 })
  })

  // Limbs at 32-bit digit boundaries make Knuth's algorithm D take its rare
  // corrections (qhat too large, and the add-back step).
  const digit = fc.constantFrom(0, 1, 2, 0x7fffffff, 0x80000000, 0x80000001, 0xfffffffe, 0xffffffff)
  const boundaryWord = fc.array(digit, { minLength: 8, maxLength: 8 }).map((limbs) => limbs.reduce((v, l, i) => v | (BigInt(l) << BigInt(32 * i)), 0n))
  const anyWord = fc.oneof(boundaryWord, word)
  it('division and modular products at digit boundaries', () =>
    fc.assert(fc.property(anyWord, anyWord, anyWord, (a, b, n) => {
      expect(run2(w.div, a, b)).toBe(b === 0n ? 0n : a / b)
      expect(run2(w.mod, a, b)).toBe(b === 0n ? 0n : a % b)
      expect(run2(w.sdiv, a, b)).toBe(b === 0n ? 0n : u(signed(a) / signed(b)))
      expect(run2(w.smod, a, b)).toBe(b === 0n ? 0n : u(signed(a) % signed(b)))
      expect(run2(w.mul, a, b)).toBe((a * b) & MASK)
      const s = new Uint32Array(40)
      w.fromBigInt(s, 0, a); w.fromBigInt(s, 8, b); w.fromBigInt(s, 16, n)
      w.mulmod(s, 0, 8, 16, 24); w.addmod(s, 0, 8, 16, 32)
      expect(w.toBigInt(s, 24)).toBe(n === 0n ? 0n : (a * b) % n)
      expect(w.toBigInt(s, 32)).toBe(n === 0n ? 0n : (a + b) % n)
    }), { numRuns: 2000 }))

  it('byte loads and stores round-trip big-endian', () =>
    fc.assert(fc.property(word, fc.integer({ min: 0, max: 40 }), (a, at) => {
      const s = new Uint32Array(24)
      w.fromBigInt(s, 0, a)
      const mem = new Uint8Array(at + 32)
      w.storeBytes32(s, 0, mem, at)
      w.loadBytes32(s, 8, mem, at)
      expect(w.toBigInt(s, 8)).toBe(a)
      // A read running past the end is zero-padded.
      w.loadBytes32(s, 8, mem, at + 16)
      expect(w.toBigInt(s, 8)).toBe((a << 128n) & MASK)
      w.loadBytesN(s, 8, mem, at + 30, 4)
      expect(w.toBigInt(s, 8)).toBe((a & 0xffffn) << 16n)
      // Immediates: every size, in range.
      const size = (at % 32) + 1
      const padded = new Uint8Array(at + 32 + 33)
      padded.set(mem)
      w.loadImmediate(s, 8, padded, at, size)
      w.loadBytesN(s, 16, padded, at, size)
      expect(w.toBigInt(s, 8)).toBe(w.toBigInt(s, 16))
      expect(w.toBigInt(s, 8)).toBe(a >> BigInt(8 * (32 - size)))
      // The DataView pair (MLOAD/MSTORE) writes and reads the same big-endian bytes.
      const view = new DataView(mem.buffer)
      w.storeWordBE(s, 0, view, at)
      expect(mem.subarray(at, at + 32)).toEqual(Uint8Array.from({ length: 32 }, (_, i) => Number((a >> BigInt(8 * (31 - i))) & 0xffn)))
      w.loadWordBE(s, 8, view, at)
      expect(w.toBigInt(s, 8)).toBe(a)
    }), { numRuns: 300 }))

  it('small-number views', () => {
    const s = new Uint32Array(8)
    w.setNumber(s, 0, 2 ** 40 + 5)
    expect(w.toBigInt(s, 0)).toBe(2n ** 40n + 5n)
    expect(w.toSmall(s, 0)).toBe(-1)
    expect(w.toSaturatedNumber(s, 0)).toBe(2 ** 40 + 5)
    w.fromBigInt(s, 0, MASK)
    expect(w.toSaturatedNumber(s, 0)).toBe(Number.MAX_SAFE_INTEGER)
    expect(w.byteLength(s, 0)).toBe(32)
    w.setNumber(s, 0, 0x1234)
    expect(w.byteLength(s, 0)).toBe(2)
    expect(w.toSmall(s, 0)).toBe(0x1234)
  })
})

describe('bigint conversion', () => {
  // Values of every width (the fast paths cut at 2^53 and 2^128), checked against an explicit limb split.
  const widths = fc.integer({ min: 0, max: 256 }).chain((bits) => fc.bigInt({ min: 0n, max: (1n << BigInt(bits)) - 1n }))
  it('fromBigInt writes the little-endian 32-bit limbs, toBigInt reads them back', () => {
    fc.assert(fc.property(widths, fc.integer({ min: 0, max: 3 }), (v, slot) => {
      const s = new Uint32Array(40).fill(0xa5a5a5a5)
      w.fromBigInt(s, slot * 8, v)
      for (let i = 0; i < 8; i++) expect(s[slot * 8 + i]).toBe(Number((v >> BigInt(32 * i)) & 0xffffffffn))
      expect(w.toBigInt(s, slot * 8)).toBe(v)
      if (slot > 0) expect(s[slot * 8 - 1]).toBe(0xa5a5a5a5)
      expect(s[slot * 8 + 8]).toBe(0xa5a5a5a5)
    }), { numRuns: 2000, seed: 5 })
  })
  it('fromBigInt reduces modulo 2^256, negative values wrap', () => {
    const s = new Uint32Array(8)
    for (const v of [-1n, -(1n << 60n), 1n << 256n, (1n << 300n) + 5n]) {
      w.fromBigInt(s, 0, v)
      expect(w.toBigInt(s, 0)).toBe(((v % (1n << 256n)) + (1n << 256n)) % (1n << 256n))
    }
  })
})
