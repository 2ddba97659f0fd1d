/**
 * Soroban `Val`: 64 bits, an 8-bit tag in the low bits and a 56-bit body.
 * Small values live in the body; everything else is an object handle in the
 * body's upper 32 bits ("major"). The wasm boundary hands us i64s as bigints.
 */
export const Tag = {
  False: 0, True: 1, Void: 2, Error: 3, U32: 4, I32: 5, U64Small: 6, I64Small: 7,
  TimepointSmall: 8, DurationSmall: 9, U128Small: 10, I128Small: 11, U256Small: 12, I256Small: 13, SymbolSmall: 14,
  U64Object: 64, I64Object: 65, TimepointObject: 66, DurationObject: 67, U128Object: 68, I128Object: 69,
  U256Object: 70, I256Object: 71, BytesObject: 72, StringObject: 73, SymbolObject: 74, VecObject: 75,
  MapObject: 76, AddressObject: 77, MuxedAddressObject: 78, ExecutableTagObject: 79,
} as const
export type Tag = (typeof Tag)[keyof typeof Tag]

/** Tags from U64Object up are object handles. */
export const OBJECT_TAG_MIN = 64
export const OBJECT_TAG_MAX = 79

export const FALSE = 0n
export const TRUE = 1n
export const VOID = 2n

const BODY_BITS = 56n
const MASK56 = (1n << 56n) - 1n
const MASK64 = (1n << 64n) - 1n

/** The wasm i64 (signed) as the unsigned 64-bit pattern. */
export const u64 = (v: bigint): bigint => v & MASK64
export const tagOf = (v: bigint): number => Number(v & 0xffn)
export const bodyOf = (v: bigint): bigint => (v >> 8n) & MASK56
export const majorOf = (v: bigint): number => Number((v >> 32n) & 0xffffffffn)
export const minorOf = (v: bigint): number => Number((v >> 8n) & 0xffffffn)
export const isObjectTag = (tag: number): boolean => tag >= OBJECT_TAG_MIN && tag <= OBJECT_TAG_MAX

export const fromBody = (tag: number, body: bigint): bigint => ((body & MASK56) << 8n) | BigInt(tag)
export const fromMajorMinor = (tag: number, major: number, minor: number): bigint =>
  (BigInt(major >>> 0) << 32n) | (BigInt(minor & 0xffffff) << 8n) | BigInt(tag)

export const u32Val = (n: number): bigint => fromMajorMinor(Tag.U32, n >>> 0, 0)
export const i32Val = (n: number): bigint => fromMajorMinor(Tag.I32, n >>> 0, 0)
export const boolVal = (b: boolean): bigint => (b ? TRUE : FALSE)
export const errorVal = (type: number, code: number): bigint => fromMajorMinor(Tag.Error, code, type)
export const objectVal = (tag: number, handle: number): bigint => fromMajorMinor(tag, handle, 0)

/** Signed 56-bit body (I64Small, I128Small, I256Small). */
export function signedBody(v: bigint): bigint {
  return BigInt.asIntN(56, bodyOf(v))
}

export const fitsU56 = (x: bigint): boolean => x >= 0n && x <= MASK56
export const fitsI56 = (x: bigint): boolean => x >= -(1n << (BODY_BITS - 1n)) && x < 1n << (BODY_BITS - 1n)

// Small symbols: up to 9 characters of [_0-9A-Za-z], 6 bits each, first character highest.
const SYMBOL_CHARS = '_0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'
export const SYMBOL_SMALL_MAX = 9
export const SYMBOL_MAX = 32

/** Code 1..63 of a symbol character, or 0 when it is not allowed. */
export function symbolCharCode(c: number): number {
  if (c === 95) return 1
  if (c >= 48 && c <= 57) return c - 46
  if (c >= 65 && c <= 90) return c - 53
  if (c >= 97 && c <= 122) return c - 59
  return 0
}

export const isValidSymbol = (s: string): boolean => s.length <= SYMBOL_MAX && [...s].every((ch) => symbolCharCode(ch.charCodeAt(0)) !== 0)

/** Encodes a symbol of at most 9 valid characters as SymbolSmall. */
export function symbolSmall(s: string): bigint {
  let body = 0n
  for (let i = 0; i < s.length; i++) body = (body << 6n) | BigInt(symbolCharCode(s.charCodeAt(i)))
  return fromBody(Tag.SymbolSmall, body)
}

/** Decodes a SymbolSmall body; undefined when a character code is invalid (a forged value). */
export function decodeSymbolSmall(v: bigint): string | undefined {
  let body = bodyOf(v)
  let out = ''
  while (body !== 0n) {
    const code = Number(body & 63n)
    if (code === 0) return undefined
    out = SYMBOL_CHARS[code - 1] + out
    body >>= 6n
  }
  return out.length <= SYMBOL_SMALL_MAX ? out : undefined
}
