/**
 * The KALIX argument and result encoding — the Solidity contract ABI's
 * encoding of a tuple, with KALIX type names (`u64` is encoded as `uint64`):
 * a 32-byte head word per value, in order; static values sit in their word
 * (integers big-endian, signed ones as 256-bit two's complement, bool 0/1,
 * addresses right-aligned); `bytes` and `string` put in their head word the
 * offset of their tail (from the start of the tuple), and the tail holds the
 * length word and the data padded with zeros to a multiple of 32 bytes.
 * Calldata is the 4-byte selector followed by the arguments' tuple; return
 * data is the outputs' tuple. Decoding is strict: a word whose unused bits
 * are not a zero (or sign) extension, a bool other than 0/1, an offset or
 * length outside the data, or a string that is not UTF-8 is an error.
 */
import { bytesToHex, hexToBytes } from '@zvm/primitives'
import { KalixDecodeError, KalixValueError } from './errors.ts'
import { isDynamic, parseKalixType, type KalixType, type KalixValue } from './types.ts'

const WORD = 32
const TWO_256 = 1n << 256n
const MAX_UINT256 = TWO_256 - 1n
const utf8 = new TextEncoder()
const utf8Strict = new TextDecoder('utf-8', { fatal: true })

const typeOf = (t: string | KalixType): KalixType => (typeof t === 'string' ? parseKalixType(t) : t)

function describe(v: unknown): string {
  if (typeof v === 'bigint') return `${v}n`
  if (v instanceof Uint8Array) return `Uint8Array(${v.length})`
  if (typeof v === 'string') return JSON.stringify(v.length > 80 ? `${v.slice(0, 80)}…` : v)
  return v === null ? 'null' : typeof v === 'object' ? 'an object' : `${typeof v} ${String(v)}`
}

function integer(t: Extract<KalixType, { kind: 'uint' | 'int' }>, v: unknown, path: string): bigint {
  let n: bigint
  if (typeof v === 'bigint') n = v
  else if (typeof v === 'number' && Number.isSafeInteger(v)) n = BigInt(v)
  else throw new KalixValueError(path, `expected a bigint for ${t.kind === 'uint' ? 'u' : 'i'}${t.bits}, got ${describe(v)}`)
  const min = t.kind === 'uint' ? 0n : -(1n << BigInt(t.bits - 1))
  const max = t.kind === 'uint' ? (1n << BigInt(t.bits)) - 1n : (1n << BigInt(t.bits - 1)) - 1n
  if (n < min || n > max) throw new KalixValueError(path, `${n} is out of range for ${t.kind === 'uint' ? 'u' : 'i'}${t.bits} [${min}, ${max}]`)
  return n < 0n ? n + TWO_256 : n
}

/**
 * The 32-byte word of a static value (integer, bool, address) as a bigint;
 * throws {@link KalixValueError} for a value that does not fit.
 *
 * @example
 * ```ts
 * import { encodeWord } from '@zvm/runtime-kalix'
 * encodeWord('i8', -1n) === 2n ** 256n - 1n // true
 * ```
 */
export function encodeWord(type: string | KalixType, value: unknown, path = 'value'): bigint {
  const t = typeOf(type)
  switch (t.kind) {
    case 'uint':
    case 'int':
      return integer(t, value, path)
    case 'bool':
      if (typeof value !== 'boolean') throw new KalixValueError(path, `expected true or false, got ${describe(value)}`)
      return value ? 1n : 0n
    case 'address':
      if (typeof value !== 'string' || !/^0x[0-9a-fA-F]{40}$/.test(value)) throw new KalixValueError(path, `expected a 0x-prefixed 20-byte hex address, got ${describe(value)}`)
      return BigInt(value)
    default:
      throw new KalixValueError(path, `${t.kind} is not a one-word type`)
  }
}

/**
 * The JS value of a static type's word; throws {@link KalixDecodeError} when
 * the word is not a valid encoding (dirty high bits, a bool other than 0/1).
 *
 * @example
 * ```ts
 * import { decodeWord } from '@zvm/runtime-kalix'
 * decodeWord('i8', 2n ** 256n - 1n) // -1n
 * ```
 */
export function decodeWord(type: string | KalixType, word: bigint, offset = 0): KalixValue {
  const t = typeOf(type)
  switch (t.kind) {
    case 'uint':
      if (word >> BigInt(t.bits) !== 0n) throw new KalixDecodeError(offset, `0x${word.toString(16)} does not fit u${t.bits}`)
      return word
    case 'int': {
      const signed = word >> 255n === 1n ? word - TWO_256 : word
      const half = 1n << BigInt(t.bits - 1)
      if (signed < -half || signed >= half) throw new KalixDecodeError(offset, `0x${word.toString(16)} is not an i${t.bits} sign-extended to 256 bits`)
      return signed
    }
    case 'bool':
      if (word > 1n) throw new KalixDecodeError(offset, `0x${word.toString(16)} is not a bool (0 or 1)`)
      return word === 1n
    case 'address':
      if (word >> 160n !== 0n) throw new KalixDecodeError(offset, `0x${word.toString(16)} is not an address (high 12 bytes must be 0)`)
      return `0x${word.toString(16).padStart(40, '0')}`
    default:
      throw new KalixDecodeError(offset, `${t.kind} is not a one-word type`)
  }
}

function dynamicBytes(t: KalixType, v: unknown, path: string): Uint8Array {
  if (t.kind === 'string') {
    if (typeof v !== 'string') throw new KalixValueError(path, `expected a string, got ${describe(v)}`)
    return utf8.encode(v)
  }
  if (v instanceof Uint8Array) return v
  if (typeof v === 'string' && /^0x([0-9a-fA-F]{2})*$/.test(v)) return hexToBytes(v)
  throw new KalixValueError(path, `expected a Uint8Array or 0x-hex bytes, got ${describe(v)}`)
}

function writeWord(out: Uint8Array, at: number, w: bigint): void {
  for (let i = WORD - 1; i >= 0 && w > 0n; i--) {
    out[at + i] = Number(w & 0xffn)
    w >>= 8n
  }
}

/**
 * Encodes values as a tuple of `types` (the arguments after the selector, or
 * a function's results). Throws {@link KalixValueError} naming the value for a
 * wrong count, kind or range. `names` label the values in errors.
 *
 * @example
 * ```ts
 * import { encodeValues } from '@zvm/runtime-kalix'
 * encodeValues(['u64', 'bool'], [5n, true]).length // 64
 * ```
 */
export function encodeValues(types: readonly (string | KalixType)[], values: readonly unknown[], names?: readonly string[]): Uint8Array {
  if (!Array.isArray(values)) throw new KalixValueError('(arguments)', `expected an array of ${types.length} values, got ${describe(values)}`)
  if (values.length !== types.length) throw new KalixValueError('(arguments)', `expected ${types.length} value${types.length === 1 ? '' : 's'}, got ${values.length}`)
  const parsed = types.map(typeOf)
  const path = (i: number) => (names?.[i] ? names[i] : `[${i}]`)
  const heads: bigint[] = []
  const tails: Uint8Array[] = []
  let tailSize = 0
  for (let i = 0; i < parsed.length; i++) {
    const t = parsed[i]
    if (!isDynamic(t)) {
      heads.push(encodeWord(t, values[i], path(i)))
      continue
    }
    const data = dynamicBytes(t, values[i], path(i))
    heads.push(BigInt(parsed.length * WORD + tailSize))
    const tail = new Uint8Array(WORD + Math.ceil(data.length / WORD) * WORD)
    writeWord(tail, 0, BigInt(data.length))
    tail.set(data, WORD)
    tails.push(tail)
    tailSize += tail.length
  }
  const out = new Uint8Array(heads.length * WORD + tailSize)
  heads.forEach((w, i) => writeWord(out, i * WORD, w))
  let at = heads.length * WORD
  for (const tail of tails) {
    out.set(tail, at)
    at += tail.length
  }
  return out
}

function readWord(data: Uint8Array, at: number): bigint {
  if (at + WORD > data.length) throw new KalixDecodeError(at, `needs 32 bytes, only ${Math.max(0, data.length - at)} left`)
  let w = 0n
  for (let i = 0; i < WORD; i++) w = (w << 8n) | BigInt(data[at + i])
  return w
}

function readSize(data: Uint8Array, at: number, what: string): number {
  const w = readWord(data, at)
  if (w > BigInt(data.length)) throw new KalixDecodeError(at, `${what} ${w > MAX_UINT256 / 2n ? `0x${w.toString(16)}` : w} is beyond the ${data.length} bytes of data`)
  return Number(w)
}

/**
 * Decodes a tuple of `types` from `data` (return data or a log's data);
 * throws {@link KalixDecodeError} for short or malformed data.
 *
 * @example
 * ```ts
 * import { decodeValues, encodeValues } from '@zvm/runtime-kalix'
 * decodeValues(['string'], encodeValues(['string'], ['hi'])) // ['hi']
 * ```
 */
export function decodeValues(types: readonly (string | KalixType)[], data: Uint8Array): KalixValue[] {
  const parsed = types.map(typeOf)
  return parsed.map((t, i) => {
    const at = i * WORD
    if (!isDynamic(t)) return decodeWord(t, readWord(data, at), at)
    const start = readSize(data, at, 'offset')
    const length = readSize(data, start, 'length')
    if (start + WORD + length > data.length) throw new KalixDecodeError(start, `length ${length} runs past the end of the data`)
    const bytes = data.slice(start + WORD, start + WORD + length)
    if (t.kind === 'bytes') return bytes
    try {
      return utf8Strict.decode(bytes)
    } catch {
      throw new KalixDecodeError(start + WORD, 'string is not valid UTF-8')
    }
  })
}

/**
 * A value as JSON-friendly text: bigints as decimal strings, bytes as 0x hex.
 *
 * @example
 * ```ts
 * import { toJsonValue } from '@zvm/runtime-kalix'
 * toJsonValue(5n) // '5'
 * ```
 */
export function toJsonValue(value: KalixValue): string | boolean {
  if (typeof value === 'bigint') return value.toString()
  if (value instanceof Uint8Array) return bytesToHex(value)
  return value
}
