/** Helpers shared by the precompiles: padded input reads and result shapes. */
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js'
import type { PrecompileResult } from '@zvm/core'

/** `length` bytes of `input` from `offset`, zero-padded past its end. */
export function padded(input: Uint8Array, offset: number, length: number): Uint8Array {
  const out = new Uint8Array(length)
  if (offset < input.length) out.set(input.subarray(offset, Math.min(input.length, offset + length)))
  return out
}

/** Success when `gas` fits in `gasLimit`, else an out-of-gas failure. */
export function charged(gas: number | bigint, gasLimit: number, output: () => Uint8Array | undefined): PrecompileResult {
  if (BigInt(gas) > BigInt(gasLimit)) return { ok: false, gasUsed: gasLimit, reason: 'out of gas' }
  const out = output()
  if (out === undefined) return { ok: false, gasUsed: gasLimit, reason: 'invalid input' }
  return { ok: true, gasUsed: Number(gas), output: out }
}

/** 3 gas per word + base, the shape of SHA256/RIPEMD160/IDENTITY pricing. */
export function linearGas(base: number, perWord: number, length: number): number {
  return base + perWord * Math.ceil(length / 32)
}

// Big-endian conversions live in @zvm/primitives.
export { bytesToBigint as toBigint, bigintToBytes as toBytes } from '@zvm/primitives'

/**
 * Big-endian bytes as a bigint in time linear in their length. The
 * primitives' `bytesToBigint` shifts the whole value once per byte, which is
 * quadratic: fine for a word, minutes for MODEXP's 256 KB operands. The
 * engine parses hex in linear time.
 */
export function longBytesToBigint(bytes: Uint8Array): bigint {
  return bytes.length === 0 ? 0n : BigInt(`0x${bytesToHex(bytes)}`)
}

/** `value` as `size` big-endian bytes (value < 256^size), linear in `size`, for the same reason. */
export function bigintToLongBytes(value: bigint, size: number): Uint8Array {
  const hex = value.toString(16)
  return hexToBytes(hex.length === 2 * size ? hex : hex.padStart(2 * size, '0'))
}
