import fc from 'fast-check'
import { keccak_256 } from '@noble/hashes/sha3.js'
import { kalixSelector } from '@zvm/bytecode'
import { bytesToHex } from '@zvm/primitives'
import { decodeAbiParameters, encodeAbiParameters, type AbiParameter } from 'viem'
import { describe, expect, it } from 'vitest'
import {
  decodeRevertReason, decodeValues, decodeWord, encodeValues, encodeWord, ERROR_SELECTOR, KalixDecodeError, KalixTypeError, KalixValueError,
  parseKalixType, toSolidityType, type KalixValue,
} from '../src/index.ts'

/** An arbitrary KALIX type with an arbitrary value of it. */
const typed: fc.Arbitrary<[string, KalixValue]> = fc.oneof(
  fc.integer({ min: 1, max: 32 }).chain((n) => fc.bigInt({ min: 0n, max: (1n << BigInt(8 * n)) - 1n }).map((v): [string, KalixValue] => [`u${8 * n}`, v])),
  fc.integer({ min: 1, max: 32 }).chain((n) => fc.bigInt({ min: -(1n << BigInt(8 * n - 1)), max: (1n << BigInt(8 * n - 1)) - 1n }).map((v): [string, KalixValue] => [`i${8 * n}`, v])),
  fc.boolean().map((v): [string, KalixValue] => ['bool', v]),
  fc.uint8Array({ minLength: 20, maxLength: 20 }).map((b): [string, KalixValue] => ['address', bytesToHex(b)]),
  fc.uint8Array({ maxLength: 100 }).map((b): [string, KalixValue] => ['bytes', b]),
  fc.string({ unit: 'grapheme', maxLength: 50 }).map((s): [string, KalixValue] => ['string', s]),
)

const viemParams = (types: string[]): AbiParameter[] => types.map((t) => ({ type: toSolidityType(t) }))
/** viem's decoded values in our representation (numbers below 2^48 come back as numbers, bytes as hex). */
function fromViem(types: string[], values: readonly unknown[]): KalixValue[] {
  return values.map((v, i) => (types[i] === 'bytes' ? Uint8Array.from(Buffer.from((v as string).slice(2), 'hex')) : typeof v === 'number' ? BigInt(v) : types[i] === 'address' ? (v as string).toLowerCase() : v as KalixValue))
}

describe('selectors', () => {
  it('are the first 4 bytes of keccak256 of the KALIX signature', () => {
    for (const sig of ['deposit(u64)', 'transfer(address,u256)', 'echo(bytes,string,u8,i128,bool,address)']) {
      expect(kalixSelector(sig)).toBe(bytesToHex(keccak_256(new TextEncoder().encode(sig)).subarray(0, 4)))
    }
    expect(ERROR_SELECTOR).toBe('0x08c379a0')
  })
})

describe('types', () => {
  it('parses the KALIX types and refuses others', () => {
    expect(parseKalixType('u8')).toEqual({ kind: 'uint', bits: 8 })
    expect(parseKalixType('i256')).toEqual({ kind: 'int', bits: 256 })
    for (const bad of ['u0', 'u7', 'u264', 'i', 'u08', 'uint256', 'bytes32', 'Address', '', 'u64[]']) expect(() => parseKalixType(bad), bad).toThrow(KalixTypeError)
  })
})

describe('argument and result encoding', () => {
  it('is the Solidity ABI encoding of the same tuple (viem cross-check, property)', () => {
    fc.assert(fc.property(fc.array(typed, { maxLength: 6 }), (pairs) => {
      const types = pairs.map(([t]) => t)
      const values = pairs.map(([, v]) => v)
      const ours = encodeValues(types, values)
      const theirs = encodeAbiParameters(viemParams(types), values.map((v) => (v instanceof Uint8Array ? bytesToHex(v) : v)))
      expect(bytesToHex(ours)).toBe(theirs)
      expect(fromViem(types, decodeAbiParameters(viemParams(types), theirs))).toEqual(values)
    }), { numRuns: 300 })
  })

  it('decode(encode(x)) = x (property)', () => {
    fc.assert(fc.property(fc.array(typed, { maxLength: 8 }), (pairs) => {
      const types = pairs.map(([t]) => t)
      expect(decodeValues(types, encodeValues(types, pairs.map(([, v]) => v)))).toEqual(pairs.map(([, v]) => v))
    }), { numRuns: 500 })
  })

  it('static words: signed values are two\'s complement over 256 bits', () => {
    expect(encodeWord('i8', -1n)).toBe((1n << 256n) - 1n)
    expect(encodeWord('i64', -(1n << 63n))).toBe((1n << 256n) - (1n << 63n))
    expect(decodeWord('i8', (1n << 256n) - 128n)).toBe(-128n)
    expect(encodeWord('u16', 7)).toBe(7n)
    expect(encodeWord('address', '0x00000000000000000000000000000000000000AA')).toBe(0xaan)
  })

  it('refuses values that do not fit their type, naming them', () => {
    expect(() => encodeValues(['u8'], [256n], ['x'])).toThrow(/x: 256 is out of range for u8 \[0, 255\]/)
    expect(() => encodeValues(['i8'], [-129n])).toThrow(/\[0\]: -129 is out of range for i8 \[-128, 127\]/)
    expect(() => encodeValues(['u64'], [1.5])).toThrow(KalixValueError)
    expect(() => encodeValues(['u64'], [2 ** 60])).toThrow(/expected a bigint/)
    expect(() => encodeValues(['bool'], [1n])).toThrow(/expected true or false/)
    expect(() => encodeValues(['string'], [new Uint8Array(1)])).toThrow(/expected a string/)
    expect(() => encodeValues(['bytes'], ['0x1'])).toThrow(/expected a Uint8Array or 0x-hex bytes/)
    expect(() => encodeValues(['u8', 'u8'], [1n])).toThrow(/expected 2 values, got 1/)
    expect(() => encodeValues(['u8'], 'x' as never)).toThrow(/expected an array/)
  })

  it('decodes strictly: dirty words, bad bools and offsets outside the data are errors', () => {
    const word = (v: bigint) => Uint8Array.from(Buffer.from(v.toString(16).padStart(64, '0'), 'hex'))
    expect(() => decodeValues(['u8'], word(256n))).toThrow(KalixDecodeError)
    expect(() => decodeValues(['bool'], word(2n))).toThrow(/is not a bool/)
    expect(() => decodeValues(['address'], word(1n << 160n))).toThrow(/is not an address/)
    expect(() => decodeValues(['i8'], word(128n))).toThrow(/is not an i8/)
    expect(() => decodeValues(['u256'], new Uint8Array(31))).toThrow(/needs 32 bytes, only 31 left/)
    expect(() => decodeValues(['bytes'], word(1n << 200n))).toThrow(/offset .* is beyond/)
    expect(() => decodeValues(['bytes'], Uint8Array.from([...word(32n), ...word(64n)]))).toThrow(/runs past the end/)
    expect(() => decodeValues(['string'], Uint8Array.from([...word(32n), ...word(1n), 0xff, ...new Uint8Array(31)]))).toThrow(/not valid UTF-8/)
  })

  it('garbage never throws anything but KalixDecodeError (property)', () => {
    fc.assert(fc.property(fc.array(typed, { maxLength: 4 }), fc.uint8Array({ maxLength: 200 }), (pairs, data) => {
      try {
        decodeValues(pairs.map(([t]) => t), data)
      } catch (e) {
        expect(e).toBeInstanceOf(KalixDecodeError)
      }
    }), { numRuns: 500 })
  })

  it('decodes Error(string) revert reasons and nothing else', () => {
    const data = Uint8Array.from(Buffer.from(encodeAbiParameters([{ type: 'string' }], ['nope']).slice(2), 'hex'))
    expect(decodeRevertReason(Uint8Array.from([0x08, 0xc3, 0x79, 0xa0, ...data]))).toBe('nope')
    expect(decodeRevertReason(Uint8Array.from([0x08, 0xc3, 0x79, 0xa1, ...data]))).toBeUndefined()
    expect(decodeRevertReason(Uint8Array.from([0x08, 0xc3, 0x79, 0xa0, 1, 2]))).toBeUndefined()
  })
})

describe('JSON values', () => {
  it('reads integers from numbers and strings, bytes from hex, and names the bad one', async () => {
    const { fromJsonValues } = await import('../src/index.ts')
    expect(fromJsonValues(['u256', 'i8', 'u64', 'bool', 'bytes', 'string', 'address'], ['0xff', '-5', 7, false, '0x0102', 'x', '0x00000000000000000000000000000000000000aa']))
      .toEqual([255n, -5n, 7n, false, new Uint8Array([1, 2]), 'x', '0x00000000000000000000000000000000000000aa'])
    expect(() => fromJsonValues(['u64'], [1.5])).toThrow(/\[0\]: 1.5 is not a safe integer/)
    expect(() => fromJsonValues(['u64'], ['12a'], ['amount'])).toThrow(/amount: expected an integer/)
    expect(() => fromJsonValues(['bytes'], ['0x1'])).toThrow(/expected 0x-hex bytes/)
    expect(() => fromJsonValues(['u8'], {})).toThrow(/expected a JSON list of 1 value/)
    expect(() => fromJsonValues(['u8'], [1, 2])).toThrow(/expected 1 value, got 2/)
  })
})
