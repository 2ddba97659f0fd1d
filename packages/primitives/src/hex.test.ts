import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  addressToBytes, bigintToAddress, bigintToBytes, bytesToAddress, bytesToBigint, bytesToHex, hexToBytes, InvalidHexError, toAddress,
} from './index.ts'

describe('hex', () => {
  it('round-trips bytes', () => fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), (b) => {
    expect(hexToBytes(bytesToHex(b))).toEqual(b)
  })))
  it('accepts upper case and no prefix', () => {
    expect([...hexToBytes('ABcd')]).toEqual([0xab, 0xcd])
    expect([...hexToBytes('0X01')]).toEqual([1])
  })
  it('rejects odd length and bad characters with the position', () => {
    expect(() => hexToBytes('0x123')).toThrow(/odd length 3/)
    expect(() => hexToBytes('0x12g4')).toThrow(/'g' at position 2/)
    expect(() => hexToBytes(42 as unknown as string)).toThrow(InvalidHexError)
    // A bad character is reported even when it also makes the length odd.
    expect(() => hexToBytes('xyz')).toThrow(/'x' at position 0/)
  })
  it('bigint <-> bytes', () => fc.assert(fc.property(fc.bigInt({ min: 0n, max: (1n << 256n) - 1n }), (v) => {
    expect(bytesToBigint(bigintToBytes(v, 32))).toBe(v)
  })))
  // Long values take the hex route: same results as shifting byte by byte, truncation included.
  const shifted = (bytes: Uint8Array): bigint => bytes.reduce((v, b) => (v << 8n) | BigInt(b), 0n)
  it('long bytes -> bigint equals the byte-by-byte reading', () => fc.assert(fc.property(fc.uint8Array({ minLength: 60, maxLength: 300 }), (b) => {
    expect(bytesToBigint(b)).toBe(shifted(b))
  })))
  it('bigint -> long bytes keeps the low bytes and pads the rest', () => fc.assert(fc.property(fc.bigInt({ min: 0n, max: (1n << 1200n) - 1n }), fc.integer({ min: 60, max: 200 }), (v, size) => {
    const bytes = bigintToBytes(v, size)
    expect(bytes.length).toBe(size)
    expect(shifted(bytes)).toBe(v & ((1n << BigInt(8 * size)) - 1n))
  })))
  it('a megabyte converts in linear time', () => {
    const big = new Uint8Array(1 << 20).fill(0xab)
    expect(bigintToBytes(bytesToBigint(big), big.length)).toEqual(big)
  })
})

describe('addresses', () => {
  it('normalises and validates', () => {
    expect(toAddress('0x00000000000000000000000000000000000000AA')).toBe('0x00000000000000000000000000000000000000aa')
    expect(() => toAddress('0x1234')).toThrow(InvalidHexError)
    expect(() => bytesToAddress(new Uint8Array(19))).toThrow(/20 bytes, got 19/)
    expect(() => addressToBytes('0x1234')).toThrow(/20 bytes, got 2/)
    expect(() => addressToBytes(`0x${'zz'.repeat(20)}`)).toThrow(InvalidHexError)
    expect([...addressToBytes('0x00000000000000000000000000000000000000AB')].slice(18)).toEqual([0, 0xab])
  })
  it('word <-> address keeps the low 160 bits', () => {
    const a = bigintToAddress((1n << 200n) | 0xabcn)
    expect(a).toBe('0x0000000000000000000000000000000000000abc')
    expect(bytesToAddress(addressToBytes(a))).toBe(a)
  })
})
