/**
 * Recursive Length Prefix encoding (Yellow Paper appendix B), enough for
 * transactions, receipts' logs and trie nodes. `RlpRaw` embeds bytes that are
 * already RLP (trie nodes shorter than 32 bytes are inlined this way).
 */
import { ZvmError } from '@zvm/primitives'

/** Already-encoded RLP, inserted as is. */
export interface RlpRaw { readonly raw: Uint8Array }

/** Something RLP can encode. */
export type RlpInput = Uint8Array | bigint | number | RlpRaw | readonly RlpInput[]

/**
 * Malformed RLP.
 *
 * @example
 * ```ts
 * import { rlpDecode, RlpError } from '@zvm/chain-evm'
 * try { rlpDecode(new Uint8Array([0x82, 0x01])) } catch (e) { console.log(e instanceof RlpError) } // true
 * ```
 */
export class RlpError extends ZvmError {
  override name = 'RlpError'
  constructor(message: string) {
    super('RLP_INVALID', message)
  }
}

function minimalBytes(v: bigint): Uint8Array {
  if (v < 0n) throw new RlpError(`cannot encode negative integer ${v}`)
  if (v === 0n) return new Uint8Array(0)
  let hex = v.toString(16)
  if (hex.length % 2) hex = `0${hex}`
  const out = new Uint8Array(hex.length / 2)
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16)
  return out
}

function lengthPrefix(length: number, offset: number): Uint8Array {
  if (length < 56) return new Uint8Array([offset + length])
  const lenBytes = minimalBytes(BigInt(length))
  return new Uint8Array([offset + 55 + lenBytes.length, ...lenBytes])
}

function concat(parts: Uint8Array[]): Uint8Array {
  let size = 0
  for (const p of parts) size += p.length
  const out = new Uint8Array(size)
  let at = 0
  for (const p of parts) { out.set(p, at); at += p.length }
  return out
}

/**
 * RLP-encodes bytes, integers (minimal big-endian) and nested lists.
 *
 * @example
 * ```ts
 * import { rlpEncode } from '@zvm/chain-evm'
 * rlpEncode([new Uint8Array([1, 2]), 0n]) // Uint8Array [0xc4, 0x82, 1, 2, 0x80]
 * ```
 */
export function rlpEncode(input: RlpInput): Uint8Array {
  if (input instanceof Uint8Array) {
    if (input.length === 1 && input[0] < 0x80) return input.slice()
    return concat([lengthPrefix(input.length, 0x80), input])
  }
  if (typeof input === 'bigint' || typeof input === 'number') return rlpEncode(minimalBytes(BigInt(input)))
  if (Array.isArray(input)) {
    const body = concat((input as readonly RlpInput[]).map(rlpEncode))
    return concat([lengthPrefix(body.length, 0xc0), body])
  }
  return (input as RlpRaw).raw
}

/** A decoded RLP item. */
export type RlpItem = Uint8Array | RlpItem[]

/**
 * Decodes one RLP item that spans all of `bytes`; rejects non-canonical forms.
 *
 * @example
 * ```ts
 * import { rlpDecode } from '@zvm/chain-evm'
 * rlpDecode(new Uint8Array([0xc2, 0x01, 0x80])) // [Uint8Array [1], Uint8Array []]
 * ```
 */
export function rlpDecode(bytes: Uint8Array): RlpItem {
  const [item, end] = decodeAt(bytes, 0)
  if (end !== bytes.length) throw new RlpError(`${bytes.length - end} trailing bytes after the item`)
  return item
}

function readLength(bytes: Uint8Array, at: number, lenOfLen: number): number {
  if (at + lenOfLen > bytes.length) throw new RlpError('length runs past the end')
  if (bytes[at] === 0) throw new RlpError('length has leading zeros')
  let len = 0
  for (let i = 0; i < lenOfLen; i++) len = len * 256 + bytes[at + i]
  if (len < 56) throw new RlpError('long form used for a short length')
  return len
}

function decodeAt(bytes: Uint8Array, at: number): [RlpItem, number] {
  if (at >= bytes.length) throw new RlpError('unexpected end of input')
  const b = bytes[at]
  if (b < 0x80) return [bytes.slice(at, at + 1), at + 1]
  if (b < 0xb8) {
    const len = b - 0x80
    if (at + 1 + len > bytes.length) throw new RlpError('string runs past the end')
    if (len === 1 && bytes[at + 1] < 0x80) throw new RlpError('single byte below 0x80 must not be prefixed')
    return [bytes.slice(at + 1, at + 1 + len), at + 1 + len]
  }
  if (b < 0xc0) {
    const lenOfLen = b - 0xb7
    const len = readLength(bytes, at + 1, lenOfLen)
    const start = at + 1 + lenOfLen
    if (start + len > bytes.length) throw new RlpError('string runs past the end')
    return [bytes.slice(start, start + len), start + len]
  }
  let start: number
  let len: number
  if (b < 0xf8) {
    len = b - 0xc0
    start = at + 1
  } else {
    const lenOfLen = b - 0xf7
    len = readLength(bytes, at + 1, lenOfLen)
    start = at + 1 + lenOfLen
  }
  const end = start + len
  if (end > bytes.length) throw new RlpError('list runs past the end')
  const items: RlpItem[] = []
  let p = start
  while (p < end) {
    const [item, next] = decodeAt(bytes, p)
    if (next > end) throw new RlpError('item runs past the end of its list')
    items.push(item)
    p = next
  }
  return [items, end]
}
