/** Hex <-> bytes conversions with typed errors (0x prefix optional on input). */
import { InvalidHexError } from './errors.ts'

/** A `0x`-prefixed hex string. */
export type Hex = `0x${string}`

const HEX_CHARS = '0123456789abcdef'
/** Above this many bytes, bigint conversions go through a hex string (linear) instead of shifts (quadratic). */
const LONG = 64
const BYTE_TO_HEX: string[] = Array.from({ length: 256 }, (_, i) => HEX_CHARS[i >> 4] + HEX_CHARS[i & 15])

function nibble(code: number): number {
  if (code >= 48 && code <= 57) return code - 48
  if (code >= 97 && code <= 102) return code - 87
  if (code >= 65 && code <= 70) return code - 55
  return -1
}

/**
 * Decodes hex (with or without `0x`) into bytes. Throws {@link InvalidHexError}
 * naming the offending position for odd length or a non-hex character.
 *
 * @example
 * ```ts
 * import { hexToBytes } from '@zvm/primitives'
 * hexToBytes('0x112a') // Uint8Array [0x11, 0x2a]
 * ```
 */
export function hexToBytes(hex: string): Uint8Array {
  if (typeof hex !== 'string') throw new InvalidHexError(`expected a hex string, got ${typeof hex}`)
  const body = hex.startsWith('0x') || hex.startsWith('0X') ? hex.slice(2) : hex
  if (body.length % 2 !== 0) {
    // A stray character is the more useful report than the odd length it causes.
    for (let i = 0; i < body.length; i++) {
      if (nibble(body.charCodeAt(i)) < 0) throw new InvalidHexError(`invalid hex character '${body[i]}' at position ${i}`)
    }
    throw new InvalidHexError(`hex string has odd length ${body.length}`)
  }
  const out = new Uint8Array(body.length / 2)
  for (let i = 0; i < out.length; i++) {
    const hi = nibble(body.charCodeAt(2 * i))
    const lo = nibble(body.charCodeAt(2 * i + 1))
    if (hi < 0 || lo < 0) {
      const at = hi < 0 ? 2 * i : 2 * i + 1
      throw new InvalidHexError(`invalid hex character '${body[at]}' at position ${at}`)
    }
    out[i] = (hi << 4) | lo
  }
  return out
}

/**
 * Encodes bytes as a lowercase `0x`-prefixed hex string.
 *
 * @example
 * ```ts
 * import { bytesToHex } from '@zvm/primitives'
 * bytesToHex(new Uint8Array([1, 255])) // '0x01ff'
 * ```
 */
export function bytesToHex(bytes: Uint8Array): Hex {
  let s = '0x'
  for (let i = 0; i < bytes.length; i++) s += BYTE_TO_HEX[bytes[i]]
  return s as Hex
}

/**
 * Big-endian bytes of a non-negative bigint, left-padded to `size` bytes.
 *
 * @example
 * ```ts
 * import { bigintToBytes } from '@zvm/primitives'
 * bigintToBytes(258n, 4) // Uint8Array [0, 0, 1, 2]
 * ```
 */
export function bigintToBytes(value: bigint, size: number): Uint8Array {
  // Shifting per byte is quadratic in the length; long values go through one hex conversion.
  if (size > LONG) {
    const digits = value.toString(16)
    return hexToBytes(digits.length >= 2 * size ? digits.slice(digits.length - 2 * size) : digits.padStart(2 * size, '0'))
  }
  const out = new Uint8Array(size)
  let v = value
  for (let i = size - 1; i >= 0 && v > 0n; i--) {
    out[i] = Number(v & 0xffn)
    v >>= 8n
  }
  return out
}

/**
 * Reads big-endian bytes as an unsigned bigint.
 *
 * @example
 * ```ts
 * import { bytesToBigint } from '@zvm/primitives'
 * bytesToBigint(new Uint8Array([1, 2])) // 258n
 * ```
 */
export function bytesToBigint(bytes: Uint8Array): bigint {
  if (bytes.length > LONG) return BigInt(bytesToHex(bytes))
  let v = 0n
  for (let i = 0; i < bytes.length; i++) v = (v << 8n) | BigInt(bytes[i])
  return v
}

/**
 * Hex string of a bigint word, `0x`-prefixed, no padding.
 *
 * @example
 * ```ts
 * import { bigintToHex } from '@zvm/primitives'
 * bigintToHex(255n) // '0xff'
 * ```
 */
export function bigintToHex(value: bigint): Hex {
  return `0x${value.toString(16)}`
}
