/**
 * 256-bit words stored as eight little-endian 32-bit limbs inside a shared
 * Uint32Array (the interpreter's stack), so the common operations (push, dup,
 * add, compare, bitwise, shifts, memory load/store) allocate nothing.
 * Wide multiplication and division run in a small WebAssembly kernel
 * (word-kernel.ts), or through bigint where WebAssembly is unavailable.
 *
 * Every function takes the buffer and word offsets (in limbs, i.e. index*8).
 * Output may alias an input.
 */

import { wordKernel, type WordKernel } from './word-kernel.ts'

/** Limbs per word. */
export const LIMBS = 8
const TWO32 = 4294967296
const MASK256 = (1n << 256n) - 1n
const SIGN_BIT = 1n << 255n
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER)

/** Copies word `from` to word `to`. */
export function copyWord(s: Uint32Array, from: number, to: number): void {
  s[to] = s[from]; s[to + 1] = s[from + 1]; s[to + 2] = s[from + 2]; s[to + 3] = s[from + 3]
  s[to + 4] = s[from + 4]; s[to + 5] = s[from + 5]; s[to + 6] = s[from + 6]; s[to + 7] = s[from + 7]
}

/** Writes a non-negative safe integer (< 2^53). */
export function setNumber(s: Uint32Array, o: number, n: number): void {
  s[o] = n >>> 0
  s[o + 1] = Math.floor(n / TWO32) >>> 0
  s[o + 2] = 0; s[o + 3] = 0; s[o + 4] = 0; s[o + 5] = 0; s[o + 6] = 0; s[o + 7] = 0
}

/** Sets the word to 0 or 1. */
export function setBool(s: Uint32Array, o: number, b: boolean): void {
  s[o] = b ? 1 : 0
  s[o + 1] = 0; s[o + 2] = 0; s[o + 3] = 0; s[o + 4] = 0; s[o + 5] = 0; s[o + 6] = 0; s[o + 7] = 0
}

/** True when the word is zero. */
export function isZero(s: Uint32Array, o: number): boolean {
  return (s[o] | s[o + 1] | s[o + 2] | s[o + 3] | s[o + 4] | s[o + 5] | s[o + 6] | s[o + 7]) === 0
}

/**
 * The word as a number when it is below 2^32, otherwise -1. Used for offsets,
 * sizes and jump targets, where anything that large runs out of gas anyway.
 */
export function toSmall(s: Uint32Array, o: number): number {
  if ((s[o + 1] | s[o + 2] | s[o + 3] | s[o + 4] | s[o + 5] | s[o + 6] | s[o + 7]) !== 0) return -1
  return s[o]
}

/** The word as a number, saturated to Number.MAX_SAFE_INTEGER. */
export function toSaturatedNumber(s: Uint32Array, o: number): number {
  if ((s[o + 2] | s[o + 3] | s[o + 4] | s[o + 5] | s[o + 6] | s[o + 7]) !== 0 || s[o + 1] >= 0x200000) {
    return Number.MAX_SAFE_INTEGER
  }
  return s[o + 1] * TWO32 + s[o]
}

// 64-bit views of the limbs: on little-endian hosts limbs 2k and 2k+1 are one
// little-endian u64, so a word converts with four element reads instead of
// eight. The view of the last buffer used is cached by identity (the
// interpreter converts on one stack at a time).
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1
let lastLimbs: Uint32Array | undefined
let lastWide: BigUint64Array | undefined

function wideOf(s: Uint32Array): BigUint64Array | undefined {
  if (s === lastLimbs) return lastWide
  lastLimbs = s
  lastWide = LITTLE_ENDIAN && s.byteOffset % 8 === 0 && s.length % 2 === 0 ? new BigUint64Array(s.buffer, s.byteOffset, s.length >> 1) : undefined
  return lastWide
}

/** Reads the word as an unsigned bigint. */
export function toBigInt(s: Uint32Array, o: number): bigint {
  // Storage values, counters and offsets are small: one BigInt instead of ten intermediates.
  const small = small53(s, o)
  if (small >= 0) return BigInt(small)
  const b = wideOf(s)
  if (b !== undefined) {
    const i = o >> 1
    if ((s[o + 4] | s[o + 5] | s[o + 6] | s[o + 7]) === 0) return (b[i + 1] << 64n) | b[i]
    return (b[i + 3] << 192n) | (b[i + 2] << 128n) | (b[i + 1] << 64n) | b[i]
  }
  let v = BigInt(s[o + 7])
  for (let i = 6; i >= 0; i--) v = (v << 32n) | BigInt(s[o + i])
  return v
}

/** Writes an unsigned bigint, reduced mod 2^256 (negative values wrap). */
export function fromBigInt(s: Uint32Array, o: number, value: bigint): void {
  if (value >= 0n && value <= MAX_SAFE) { setNumber(s, o, Number(value)); return }
  const b = wideOf(s)
  if (b !== undefined) {
    // Stores into a BigUint64Array wrap mod 2^64, which is exactly the limb split.
    const i = o >> 1
    b[i] = value
    b[i + 1] = value >> 64n
    b[i + 2] = value >> 128n
    b[i + 3] = value >> 192n
    return
  }
  let v = value & MASK256
  for (let i = 0; i < 8; i++) {
    s[o + i] = Number(v & 0xffffffffn)
    v >>= 32n
  }
}

/** Two's-complement signed reading of a word. */
export function toSigned(s: Uint32Array, o: number): bigint {
  const v = toBigInt(s, o)
  return v & SIGN_BIT ? v - (1n << 256n) : v
}

/** out = a + b mod 2^256 */
export function add(s: Uint32Array, a: number, b: number, out: number): void {
  let carry = 0
  for (let i = 0; i < 8; i++) {
    const sum = s[a + i] + s[b + i] + carry
    carry = sum >= TWO32 ? 1 : 0
    s[out + i] = sum
  }
}

/** out = a - b mod 2^256 */
export function sub(s: Uint32Array, a: number, b: number, out: number): void {
  let borrow = 0
  for (let i = 0; i < 8; i++) {
    const diff = s[a + i] - s[b + i] - borrow
    borrow = diff < 0 ? 1 : 0
    s[out + i] = diff
  }
}

/** out = a & b */
export function and(s: Uint32Array, a: number, b: number, out: number): void {
  for (let i = 0; i < 8; i++) s[out + i] = s[a + i] & s[b + i]
}

/** out = a | b */
export function or(s: Uint32Array, a: number, b: number, out: number): void {
  for (let i = 0; i < 8; i++) s[out + i] = s[a + i] | s[b + i]
}

/** out = a ^ b */
export function xor(s: Uint32Array, a: number, b: number, out: number): void {
  for (let i = 0; i < 8; i++) s[out + i] = s[a + i] ^ s[b + i]
}

/** out = ~a */
export function not(s: Uint32Array, a: number, out: number): void {
  for (let i = 0; i < 8; i++) s[out + i] = ~s[a + i]
}

/** Unsigned comparison: -1, 0 or 1. */
export function cmp(s: Uint32Array, a: number, b: number): number {
  for (let i = 7; i >= 0; i--) {
    const x = s[a + i]
    const y = s[b + i]
    if (x !== y) return x < y ? -1 : 1
  }
  return 0
}

/** Signed (two's complement) comparison: -1, 0 or 1. */
export function scmp(s: Uint32Array, a: number, b: number): number {
  const signA = s[a + 7] >>> 31
  const signB = s[b + 7] >>> 31
  if (signA !== signB) return signA ? -1 : 1
  return cmp(s, a, b)
}

/** True when a == b. */
export function eq(s: Uint32Array, a: number, b: number): boolean {
  for (let i = 0; i < 8; i++) if (s[a + i] !== s[b + i]) return false
  return true
}

/** out = value << shift (shift is a plain number; >= 256 gives zero). */
export function shl(s: Uint32Array, value: number, shift: number, out: number): void {
  if (shift >= 256) { setNumber(s, out, 0); return }
  const limbShift = shift >>> 5
  const bitShift = shift & 31
  for (let i = 7; i >= 0; i--) {
    const src = i - limbShift
    let v = 0
    if (src >= 0) {
      v = s[value + src] << bitShift
      if (bitShift !== 0 && src >= 1) v |= s[value + src - 1] >>> (32 - bitShift)
    }
    s[out + i] = v
  }
}

/** out = value >> shift, logical (shift >= 256 gives zero). */
export function shr(s: Uint32Array, value: number, shift: number, out: number): void {
  if (shift >= 256) { setNumber(s, out, 0); return }
  const limbShift = shift >>> 5
  const bitShift = shift & 31
  for (let i = 0; i < 8; i++) {
    const src = i + limbShift
    let v = 0
    if (src < 8) {
      v = s[value + src] >>> bitShift
      if (bitShift !== 0 && src + 1 < 8) v |= s[value + src + 1] << (32 - bitShift)
    }
    s[out + i] = v
  }
}

/** out = value >> shift, arithmetic (sign-filling). */
export function sar(s: Uint32Array, value: number, shift: number, out: number): void {
  const negative = s[value + 7] >>> 31 === 1
  if (!negative) { shr(s, value, shift, out); return }
  if (shift >= 256) { for (let i = 0; i < 8; i++) s[out + i] = 0xffffffff; return }
  // ~(~x >> n) equals the sign-filled shift for negative x.
  not(s, value, out)
  shr(s, out, shift, out)
  not(s, out, out)
}

/** The i-th byte (0 = most significant) of the word, or 0 when i >= 32. */
export function byteAt(s: Uint32Array, o: number, index: number): number {
  if (index >= 32) return 0
  const fromLsb = 31 - index
  return (s[o + (fromLsb >>> 2)] >>> ((fromLsb & 3) * 8)) & 0xff
}

/** SIGNEXTEND: extends the sign of byte `byteIndex` (0 = least significant) in place. */
export function signExtend(s: Uint32Array, o: number, byteIndex: number): void {
  if (byteIndex >= 31) return
  const bit = byteIndex * 8 + 7
  const limb = bit >>> 5
  const bitInLimb = bit & 31
  const negative = (s[o + limb] >>> bitInLimb) & 1
  const keepMask = bitInLimb === 31 ? 0xffffffff : ((1 << (bitInLimb + 1)) - 1) >>> 0
  if (negative) {
    s[o + limb] = (s[o + limb] | ~keepMask) >>> 0
    for (let i = limb + 1; i < 8; i++) s[o + i] = 0xffffffff
  } else {
    s[o + limb] = (s[o + limb] & keepMask) >>> 0
    for (let i = limb + 1; i < 8; i++) s[o + i] = 0
  }
}

/** Loads 32 big-endian bytes from `bytes` at `at` (bytes past the end read as zero). */
export function loadBytes32(s: Uint32Array, o: number, bytes: Uint8Array, at: number): void {
  if (at + 32 <= bytes.length) {
    for (let i = 0; i < 8; i++) {
      const p = at + 28 - 4 * i
      s[o + i] = ((bytes[p] << 24) | (bytes[p + 1] << 16) | (bytes[p + 2] << 8) | bytes[p + 3]) >>> 0
    }
    return
  }
  for (let i = 0; i < 8; i++) {
    const p = at + 28 - 4 * i
    let v = 0
    for (let k = 0; k < 4; k++) {
      const idx = p + k
      v = (v << 8) | (idx < bytes.length ? bytes[idx] : 0)
    }
    s[o + i] = v >>> 0
  }
}

/**
 * Loads `size` (<= 32) big-endian bytes from `bytes` at `at` as a right-aligned
 * word, zero-padding reads past the end (PUSHn immediates, CALLDATALOAD tails).
 */
export function loadBytesN(s: Uint32Array, o: number, bytes: Uint8Array, at: number, size: number): void {
  for (let i = 0; i < 8; i++) s[o + i] = 0
  for (let k = 0; k < size; k++) {
    const idx = at + k
    const b = idx < bytes.length ? bytes[idx] : 0
    const fromLsb = size - 1 - k
    s[o + (fromLsb >>> 2)] |= b << ((fromLsb & 3) * 8)
  }
}

/**
 * Loads `size` (<= 32) big-endian bytes at `at` as a right-aligned word, four
 * bytes per limb; every byte read must be in range (PUSHn immediates in code
 * padded with 33 zero bytes). Twice as fast as {@link loadBytesN}.
 */
export function loadImmediate(s: Uint32Array, o: number, bytes: Uint8Array, at: number, size: number): void {
  const end = at + size
  for (let i = 0; i < 8; i++) {
    const hi = end - 4 * i
    const lo = hi - 4
    if (lo >= at) s[o + i] = ((bytes[lo] << 24) | (bytes[lo + 1] << 16) | (bytes[lo + 2] << 8) | bytes[lo + 3]) >>> 0
    else if (hi <= at) s[o + i] = 0
    else {
      let v = 0
      for (let p = at; p < hi; p++) v = (v << 8) | bytes[p]
      s[o + i] = v >>> 0
    }
  }
}

/** Stores the word as 32 big-endian bytes into `bytes` at `at` (caller ensures room). */
export function storeBytes32(s: Uint32Array, o: number, bytes: Uint8Array, at: number): void {
  for (let i = 0; i < 8; i++) {
    const v = s[o + i]
    const p = at + 28 - 4 * i
    bytes[p] = v >>> 24
    bytes[p + 1] = v >>> 16
    bytes[p + 2] = v >>> 8
    bytes[p + 3] = v
  }
}

/** Reads 32 big-endian bytes at `at` (which must be in range) through a DataView: MLOAD. */
export function loadWordBE(s: Uint32Array, o: number, data: DataView, at: number): void {
  s[o] = data.getUint32(at + 28); s[o + 1] = data.getUint32(at + 24); s[o + 2] = data.getUint32(at + 20); s[o + 3] = data.getUint32(at + 16)
  s[o + 4] = data.getUint32(at + 12); s[o + 5] = data.getUint32(at + 8); s[o + 6] = data.getUint32(at + 4); s[o + 7] = data.getUint32(at)
}

/** Writes the word as 32 big-endian bytes at `at` (which must be in range) through a DataView: MSTORE. */
export function storeWordBE(s: Uint32Array, o: number, data: DataView, at: number): void {
  data.setUint32(at + 28, s[o]); data.setUint32(at + 24, s[o + 1]); data.setUint32(at + 20, s[o + 2]); data.setUint32(at + 16, s[o + 3])
  data.setUint32(at + 12, s[o + 4]); data.setUint32(at + 8, s[o + 5]); data.setUint32(at + 4, s[o + 6]); data.setUint32(at, s[o + 7])
}

/** The word as 32 big-endian bytes (allocates; for results and host calls). */
export function wordToBytes(s: Uint32Array, o: number): Uint8Array {
  const out = new Uint8Array(32)
  storeBytes32(s, o, out, 0)
  return out
}

// --- bigint-backed arithmetic (see the module comment) ---

/** A word below 2^53 as a number, else -1 (fast paths for small operands). */
function small53(s: Uint32Array, o: number): number {
  if ((s[o + 2] | s[o + 3] | s[o + 4] | s[o + 5] | s[o + 6] | s[o + 7]) !== 0 || s[o + 1] >= 0x200000) return -1
  return s[o + 1] * TWO32 + s[o]
}

/** Copies words a, b (and n) into the kernel's A, B (and N) slots. */
function load2(k: WordKernel, s: Uint32Array, a: number, b: number): void {
  const m = k.limbs
  const o = k.base
  m[o] = s[a]; m[o + 1] = s[a + 1]; m[o + 2] = s[a + 2]; m[o + 3] = s[a + 3]
  m[o + 4] = s[a + 4]; m[o + 5] = s[a + 5]; m[o + 6] = s[a + 6]; m[o + 7] = s[a + 7]
  m[o + 8] = s[b]; m[o + 9] = s[b + 1]; m[o + 10] = s[b + 2]; m[o + 11] = s[b + 3]
  m[o + 12] = s[b + 4]; m[o + 13] = s[b + 5]; m[o + 14] = s[b + 6]; m[o + 15] = s[b + 7]
}

function loadModulus(k: WordKernel, s: Uint32Array, n: number): void {
  const m = k.limbs
  const o = k.base + 16
  m[o] = s[n]; m[o + 1] = s[n + 1]; m[o + 2] = s[n + 2]; m[o + 3] = s[n + 3]
  m[o + 4] = s[n + 4]; m[o + 5] = s[n + 5]; m[o + 6] = s[n + 6]; m[o + 7] = s[n + 7]
}

/** Copies the kernel's OUT slot to word `out`. */
function store(k: WordKernel, s: Uint32Array, out: number): void {
  const m = k.limbs
  const o = k.base + 24
  s[out] = m[o]; s[out + 1] = m[o + 1]; s[out + 2] = m[o + 2]; s[out + 3] = m[o + 3]
  s[out + 4] = m[o + 4]; s[out + 5] = m[o + 5]; s[out + 6] = m[o + 6]; s[out + 7] = m[o + 7]
}

// Scratch for ADDMOD's limb path.
const addScratch = new Uint32Array(8)

/** out = a * b mod 2^256 (measured: V8's bigint multiply beats a 16-bit-limb schoolbook in JS; the kernel beats both). */
export function mul(s: Uint32Array, a: number, b: number, out: number): void {
  const x = small53(s, a)
  const y = small53(s, b)
  if (x >= 0 && y >= 0 && (x === 0 || y <= Number.MAX_SAFE_INTEGER / x)) { setNumber(s, out, x * y); return }
  const k = wordKernel()
  if (k !== undefined) { load2(k, s, a, b); k.mul(); store(k, s, out); return }
  fromBigInt(s, out, toBigInt(s, a) * toBigInt(s, b))
}

/** log2 of the word when it is a power of two, else -1 (division by 2^k is a shift). */
function powerOfTwo(s: Uint32Array, o: number): number {
  let bit = -1
  for (let i = 0; i < 8; i++) {
    const v = s[o + i]
    if (v === 0) continue
    if (bit >= 0 || (v & (v - 1)) !== 0) return -1
    bit = i * 32 + 31 - Math.clz32(v)
  }
  return bit
}

/** out = a / b, 0 when b = 0 */
export function div(s: Uint32Array, a: number, b: number, out: number): void {
  if (isZero(s, b)) { setNumber(s, out, 0); return }
  const shift = powerOfTwo(s, b)
  if (shift >= 0) { shr(s, a, shift, out); return }
  const x = small53(s, a)
  const y = small53(s, b)
  // (x - x % y) / y is exact: fmod is exact and the division has no remainder.
  if (x >= 0 && y > 0) { setNumber(s, out, (x - (x % y)) / y); return }
  if (x >= 0 && y < 0) { setNumber(s, out, 0); return } // a small dividend over a large divisor
  const k = wordKernel()
  if (k !== undefined) { load2(k, s, a, b); k.divmod(1); store(k, s, out); return }
  fromBigInt(s, out, toBigInt(s, a) / toBigInt(s, b))
}

/** out = a mod b, 0 when b = 0 */
export function mod(s: Uint32Array, a: number, b: number, out: number): void {
  if (isZero(s, b)) { setNumber(s, out, 0); return }
  const bits = powerOfTwo(s, b)
  if (bits >= 0) {
    // a mod 2^k keeps the low k bits.
    for (let i = 0; i < 8; i++) {
      const low = bits - 32 * i
      s[out + i] = low >= 32 ? s[a + i] : low <= 0 ? 0 : s[a + i] & ((1 << low) - 1)
    }
    return
  }
  const x = small53(s, a)
  const y = small53(s, b)
  if (x >= 0 && y > 0) { setNumber(s, out, x % y); return }
  if (x >= 0 && y < 0) { copyWord(s, a, out); return }
  const k = wordKernel()
  if (k !== undefined) { load2(k, s, a, b); k.divmod(0); store(k, s, out); return }
  fromBigInt(s, out, toBigInt(s, a) % toBigInt(s, b))
}

const negScratch = new Uint32Array(8)

/** The word as a signed number when its magnitude is below 2^53, else NaN. */
function signedSmall(s: Uint32Array, o: number): number {
  const positive = small53(s, o)
  if (positive >= 0) return positive
  if (s[o + 7] >>> 31 === 0) return NaN
  // Two's-complement negate into scratch: 0 - word.
  let borrow = 0
  for (let i = 0; i < 8; i++) {
    const diff = 0 - s[o + i] - borrow
    borrow = diff < 0 ? 1 : 0
    negScratch[i] = diff
  }
  const magnitude = small53(negScratch, 0)
  return magnitude >= 0 ? -magnitude : NaN
}

/** Writes a signed number whose magnitude is below 2^53, in two's complement. */
function setSigned(s: Uint32Array, o: number, v: number): void {
  if (v >= 0) { setNumber(s, o, v); return }
  setNumber(s, o, -v)
  let borrow = 0
  for (let i = 0; i < 8; i++) {
    const diff = 0 - s[o + i] - borrow
    borrow = diff < 0 ? 1 : 0
    s[o + i] = diff
  }
}

/** Writes |word at o| into kernel limbs at `to`; returns whether the word was negative. */
function loadMagnitude(m: Uint32Array, to: number, s: Uint32Array, o: number): boolean {
  const negative = s[o + 7] >>> 31 === 1
  if (!negative) {
    for (let i = 0; i < 8; i++) m[to + i] = s[o + i]
    return false
  }
  let borrow = 0
  for (let i = 0; i < 8; i++) {
    const diff = 0 - s[o + i] - borrow
    borrow = diff < 0 ? 1 : 0
    m[to + i] = diff
  }
  return true
}

/**
 * SDIV (quotient = 1) or SMOD (0) through the kernel on magnitudes: the
 * quotient is negative when the signs differ, the remainder takes the
 * dividend's sign (MIN / -1 = MIN falls out of the wrap-around).
 */
function signedDivide(k: WordKernel, s: Uint32Array, a: number, b: number, out: number, quotient: number): void {
  const m = k.limbs
  const negA = loadMagnitude(m, k.base, s, a)
  const negB = loadMagnitude(m, k.base + 8, s, b)
  k.divmod(quotient)
  store(k, s, out)
  if (quotient === 1 ? negA !== negB : negA) {
    let borrow = 0
    for (let i = 0; i < 8; i++) {
      const diff = 0 - s[out + i] - borrow
      borrow = diff < 0 ? 1 : 0
      s[out + i] = diff
    }
  }
}

/** Signed division truncating toward zero; 0 when b = 0; MIN / -1 = MIN. */
export function sdiv(s: Uint32Array, a: number, b: number, out: number): void {
  if (isZero(s, b)) { setNumber(s, out, 0); return }
  const x = signedSmall(s, a)
  const y = signedSmall(s, b)
  // (x - x % y) / y is exact, and % truncates toward zero as SDIV does.
  if (x === x && y === y) { setSigned(s, out, (x - (x % y)) / y + 0); return }
  const k = wordKernel()
  if (k !== undefined) { signedDivide(k, s, a, b, out, 1); return }
  fromBigInt(s, out, toSigned(s, a) / toSigned(s, b))
}

/** Signed modulo with the sign of the dividend; 0 when b = 0. */
export function smod(s: Uint32Array, a: number, b: number, out: number): void {
  if (isZero(s, b)) { setNumber(s, out, 0); return }
  const x = signedSmall(s, a)
  const y = signedSmall(s, b)
  if (x === x && y === y) { setSigned(s, out, (x % y) + 0); return }
  const k = wordKernel()
  if (k !== undefined) { signedDivide(k, s, a, b, out, 0); return }
  fromBigInt(s, out, toSigned(s, a) % toSigned(s, b))
}

/** out = (a + b) mod n with a 257-bit intermediate; 0 when n = 0. */
export function addmod(s: Uint32Array, a: number, b: number, n: number, out: number): void {
  if (isZero(s, n)) { setNumber(s, out, 0); return }
  // Field arithmetic keeps both operands reduced: then one subtraction suffices, in limbs.
  // The sum goes to scratch first because `out` may alias `n`.
  if (cmp(s, a, n) < 0 && cmp(s, b, n) < 0) {
    let carry = 0
    for (let i = 0; i < 8; i++) {
      const sum = s[a + i] + s[b + i] + carry
      carry = sum >= TWO32 ? 1 : 0
      addScratch[i] = sum
    }
    let reduce = carry === 1
    if (!reduce) {
      reduce = true
      for (let i = 7; i >= 0; i--) {
        if (addScratch[i] !== s[n + i]) { reduce = addScratch[i] > s[n + i]; break }
      }
    }
    let borrow = 0
    for (let i = 0; i < 8; i++) {
      if (reduce) {
        const diff = addScratch[i] - s[n + i] - borrow
        borrow = diff < 0 ? 1 : 0
        s[out + i] = diff
      } else s[out + i] = addScratch[i]
    }
    return
  }
  const k = wordKernel()
  if (k !== undefined) { load2(k, s, a, b); loadModulus(k, s, n); k.addmod(); store(k, s, out); return }
  fromBigInt(s, out, (toBigInt(s, a) + toBigInt(s, b)) % toBigInt(s, n))
}

// The last MULMOD modulus as a bigint: field arithmetic uses one modulus over and over,
// and comparing 8 limbs is cheaper than converting them.
const lastModulus = new Uint32Array(8)
let lastModulusBig = 0n

function modulusOf(s: Uint32Array, n: number): bigint {
  const m = lastModulus
  if (lastModulusBig !== 0n && s[n] === m[0] && s[n + 1] === m[1] && s[n + 2] === m[2] && s[n + 3] === m[3] &&
    s[n + 4] === m[4] && s[n + 5] === m[5] && s[n + 6] === m[6] && s[n + 7] === m[7]) return lastModulusBig
  for (let i = 0; i < 8; i++) m[i] = s[n + i]
  lastModulusBig = toBigInt(s, n)
  return lastModulusBig
}

/** out = (a * b) mod n with a 512-bit intermediate; 0 when n = 0. */
export function mulmod(s: Uint32Array, a: number, b: number, n: number, out: number): void {
  if (isZero(s, n)) { setNumber(s, out, 0); return }
  const k = wordKernel()
  if (k !== undefined) { load2(k, s, a, b); loadModulus(k, s, n); k.mulmod(); store(k, s, out); return }
  const modulus = modulusOf(s, n)
  fromBigInt(s, out, (toBigInt(s, a) * toBigInt(s, b)) % modulus)
}

/** out = base ^ exponent mod 2^256 (square and multiply). */
export function exp(s: Uint32Array, base: number, exponent: number, out: number): void {
  let b = toBigInt(s, base)
  let e = toBigInt(s, exponent)
  let r = 1n
  while (e > 0n) {
    if (e & 1n) r = (r * b) & MASK256
    b = (b * b) & MASK256
    e >>= 1n
  }
  fromBigInt(s, out, r)
}

/** Number of significant bytes of the word (EXP's gas depends on it). */
export function byteLength(s: Uint32Array, o: number): number {
  for (let i = 7; i >= 0; i--) {
    const v = s[o + i]
    if (v !== 0) return i * 4 + (v > 0xffffff ? 4 : v > 0xffff ? 3 : v > 0xff ? 2 : 1)
  }
  return 0
}
