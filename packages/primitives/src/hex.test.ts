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
  })
  it('bigint <-> bytes', () => fc.assert(fc.property(fc.bigInt({ min: 0n, max: (1n << 256n) - 1n }), (v) => {
    expect(bytesToBigint(bigintToBytes(v, 32))).toBe(v)
  })))
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
