/** 20-byte account addresses as lowercase `0x` hex strings (usable as Map keys). */
import { InvalidHexError } from './errors.ts'
import { bytesToHex, hexToBytes, type Hex } from './hex.ts'

/** A lowercase, `0x`-prefixed, 40-hex-digit account address. */
export type Address = Hex

const ADDRESS_RE = /^0x[0-9a-fA-F]{40}$/
const MASK_160 = (1n << 160n) - 1n

/**
 * Validates and lowercases an address string.
 *
 * @example
 * ```ts
 * import { toAddress } from '@zvm/primitives'
 * toAddress('0x00000000000000000000000000000000000000AA') // '0x...00aa'
 * ```
 */
export function toAddress(value: string): Address {
  if (!ADDRESS_RE.test(value)) throw new InvalidHexError(`not a 20-byte address: '${value}'`)
  return value.toLowerCase() as Address
}

/**
 * The address made of the low 160 bits of a word (as the EVM reads addresses off the stack).
 *
 * @example
 * ```ts
 * import { bigintToAddress } from '@zvm/primitives'
 * bigintToAddress(0xaan) // '0x00000000000000000000000000000000000000aa'
 * ```
 */
export function bigintToAddress(value: bigint): Address {
  return `0x${(value & MASK_160).toString(16).padStart(40, '0')}`
}

/**
 * The address as an unsigned integer.
 *
 * @example
 * ```ts
 * import { addressToBigint } from '@zvm/primitives'
 * addressToBigint('0x00000000000000000000000000000000000000aa') // 170n
 * ```
 */
export function addressToBigint(address: Address): bigint {
  return BigInt(address)
}

/**
 * The 20 bytes of an address.
 *
 * @example
 * ```ts
 * import { addressToBytes } from '@zvm/primitives'
 * addressToBytes('0x00000000000000000000000000000000000000aa').length // 20
 * ```
 */
export function addressToBytes(address: Address): Uint8Array {
  const bytes = hexToBytes(address)
  if (bytes.length !== 20) throw new InvalidHexError(`an address is 20 bytes, got ${bytes.length}`)
  return bytes
}

/**
 * The address whose 20 bytes are given (e.g. the tail of a keccak hash).
 *
 * @example
 * ```ts
 * import { bytesToAddress } from '@zvm/primitives'
 * bytesToAddress(new Uint8Array(20)) // '0x0000000000000000000000000000000000000000'
 * ```
 */
export function bytesToAddress(bytes: Uint8Array): Address {
  if (bytes.length !== 20) throw new InvalidHexError(`an address is 20 bytes, got ${bytes.length}`)
  return bytesToHex(bytes)
}

/** The zero address. */
export const ZERO_ADDRESS: Address = '0x0000000000000000000000000000000000000000'
