// AssemblyScript source of the precompile kernel (compiled by
// scripts/build-evm-kernels.ts into src/precompiles/kernel.wasm.ts): BLAKE2F's
// compression function F (EIP-152, RFC 7693 §3.2) and MODEXP for moduli of at
// most 8 bytes, both on native 64-bit integers. The host fills a static buffer
// and reads results from it; memory never grows.
//
// Layout from BUF (WebAssembly memory is little-endian, like EIP-152's words):
//   BUF +   0  BLAKE2F h[8], then m[16] at +64, t[2] at +192: bytes 4..212 of
//              the precompile input, copied as they are; h is updated in place
//   BUF + 256  MODEXP modulus, base (< modulus), result: u64 each
//   BUF + 512  MODEXP exponent bytes, powChunkSize() at a time

const BUF: usize = memory.data(512 + 32768)
const H: usize = BUF
const M: usize = BUF + 64
const T: usize = BUF + 192
const MODULUS: usize = BUF + 256
const BASE: usize = BUF + 264
const RESULT: usize = BUF + 272
const EXP: usize = BUF + 512

export function base(): usize { return BUF }

// --- BLAKE2F ---

/** RFC 7693 §2.7 message schedule as byte offsets into m (8 × index); round r uses row r mod 10. */
const SIGMA: usize = memory.data<u8>([
  0, 8, 16, 24, 32, 40, 48, 56, 64, 72, 80, 88, 96, 104, 112, 120,
  112, 80, 32, 64, 72, 120, 104, 48, 8, 96, 0, 16, 88, 56, 40, 24,
  88, 64, 96, 0, 40, 16, 120, 104, 80, 112, 24, 48, 56, 8, 72, 32,
  56, 72, 24, 8, 104, 96, 88, 112, 16, 48, 40, 80, 32, 0, 120, 64,
  72, 0, 40, 56, 16, 32, 80, 120, 112, 8, 88, 96, 48, 64, 24, 104,
  16, 96, 48, 80, 0, 88, 64, 24, 32, 104, 56, 40, 120, 112, 8, 72,
  96, 40, 8, 120, 112, 104, 32, 80, 0, 56, 48, 24, 72, 16, 64, 88,
  104, 88, 56, 112, 96, 8, 24, 72, 40, 0, 120, 32, 64, 48, 16, 80,
  48, 120, 112, 72, 88, 24, 0, 64, 96, 16, 104, 56, 8, 32, 80, 40,
  80, 16, 64, 32, 56, 48, 8, 40, 120, 88, 72, 112, 24, 96, 104, 0,
])

/** Message word number `i` of the current schedule row `s`. */
@inline function msg(s: usize, i: usize): u64 {
  return load<u64>(M + <usize>load<u8>(s + i))
}

/**
 * F(h, m, t, final, rounds) of RFC 7693 §3.2. The work vector lives in
 * sixteen locals, so a round is register arithmetic; each G of §3.1 is
 * written out as its four lines.
 */
export function blake2f(rounds: u32, final: bool): void {
  let v0 = load<u64>(H), v1 = load<u64>(H, 8), v2 = load<u64>(H, 16), v3 = load<u64>(H, 24)
  let v4 = load<u64>(H, 32), v5 = load<u64>(H, 40), v6 = load<u64>(H, 48), v7 = load<u64>(H, 56)
  // RFC 7693 §2.6 IV.
  let v8: u64 = 0x6a09e667f3bcc908, v9: u64 = 0xbb67ae8584caa73b, v10: u64 = 0x3c6ef372fe94f82b, v11: u64 = 0xa54ff53a5f1d36f1
  let v12: u64 = 0x510e527fade682d1 ^ load<u64>(T), v13: u64 = 0x9b05688c2b3e6c1f ^ load<u64>(T, 8)
  let v14: u64 = final ? ~0x1f83d9abfb41bd6b : 0x1f83d9abfb41bd6b, v15: u64 = 0x5be0cd19137e2179
  let s = SIGMA
  const last = SIGMA + 144
  for (let r: u32 = 0; r < rounds; r++) {
    // G(v0, v4, v8, v12, m[s0], m[s1])
    v0 += v4 + msg(s, 0); v12 = rotr(v12 ^ v0, 32); v8 += v12; v4 = rotr(v4 ^ v8, 24)
    v0 += v4 + msg(s, 1); v12 = rotr(v12 ^ v0, 16); v8 += v12; v4 = rotr(v4 ^ v8, 63)
    // G(v1, v5, v9, v13, m[s2], m[s3])
    v1 += v5 + msg(s, 2); v13 = rotr(v13 ^ v1, 32); v9 += v13; v5 = rotr(v5 ^ v9, 24)
    v1 += v5 + msg(s, 3); v13 = rotr(v13 ^ v1, 16); v9 += v13; v5 = rotr(v5 ^ v9, 63)
    // G(v2, v6, v10, v14, m[s4], m[s5])
    v2 += v6 + msg(s, 4); v14 = rotr(v14 ^ v2, 32); v10 += v14; v6 = rotr(v6 ^ v10, 24)
    v2 += v6 + msg(s, 5); v14 = rotr(v14 ^ v2, 16); v10 += v14; v6 = rotr(v6 ^ v10, 63)
    // G(v3, v7, v11, v15, m[s6], m[s7])
    v3 += v7 + msg(s, 6); v15 = rotr(v15 ^ v3, 32); v11 += v15; v7 = rotr(v7 ^ v11, 24)
    v3 += v7 + msg(s, 7); v15 = rotr(v15 ^ v3, 16); v11 += v15; v7 = rotr(v7 ^ v11, 63)
    // G(v0, v5, v10, v15, m[s8], m[s9])
    v0 += v5 + msg(s, 8); v15 = rotr(v15 ^ v0, 32); v10 += v15; v5 = rotr(v5 ^ v10, 24)
    v0 += v5 + msg(s, 9); v15 = rotr(v15 ^ v0, 16); v10 += v15; v5 = rotr(v5 ^ v10, 63)
    // G(v1, v6, v11, v12, m[s10], m[s11])
    v1 += v6 + msg(s, 10); v12 = rotr(v12 ^ v1, 32); v11 += v12; v6 = rotr(v6 ^ v11, 24)
    v1 += v6 + msg(s, 11); v12 = rotr(v12 ^ v1, 16); v11 += v12; v6 = rotr(v6 ^ v11, 63)
    // G(v2, v7, v8, v13, m[s12], m[s13])
    v2 += v7 + msg(s, 12); v13 = rotr(v13 ^ v2, 32); v8 += v13; v7 = rotr(v7 ^ v8, 24)
    v2 += v7 + msg(s, 13); v13 = rotr(v13 ^ v2, 16); v8 += v13; v7 = rotr(v7 ^ v8, 63)
    // G(v3, v4, v9, v14, m[s14], m[s15])
    v3 += v4 + msg(s, 14); v14 = rotr(v14 ^ v3, 32); v9 += v14; v4 = rotr(v4 ^ v9, 24)
    v3 += v4 + msg(s, 15); v14 = rotr(v14 ^ v3, 16); v9 += v14; v4 = rotr(v4 ^ v9, 63)
    s = s == last ? SIGMA : s + 16
  }
  store<u64>(H, load<u64>(H) ^ v0 ^ v8)
  store<u64>(H, load<u64>(H, 8) ^ v1 ^ v9, 8)
  store<u64>(H, load<u64>(H, 16) ^ v2 ^ v10, 16)
  store<u64>(H, load<u64>(H, 24) ^ v3 ^ v11, 24)
  store<u64>(H, load<u64>(H, 32) ^ v4 ^ v12, 32)
  store<u64>(H, load<u64>(H, 40) ^ v5 ^ v13, 40)
  store<u64>(H, load<u64>(H, 48) ^ v6 ^ v14, 48)
  store<u64>(H, load<u64>(H, 56) ^ v7 ^ v15, 56)
}

// --- MODEXP for moduli below 2^64 ---
//
// modulus = 2^k · q with q odd. base^e mod q runs in Montgomery form
// (HAC 14.36; R = 2^32 when q < 2^32, where one 64-bit product holds a·b,
// else R = 2^64) and base^e mod 2^k in wrapping u64 arithmetic, side by side
// over the exponent; the two are joined by the CRT (Garner) at the end.
// Exponent bits go left to right in 4-bit windows (HAC 14.82), as in the
// TypeScript paths.

/** The high 64 bits of a × b (WebAssembly MVP has no 64 × 64 → 128 multiply). */
@inline function mulHigh(a: u64, b: u64): u64 {
  const a0 = a & 0xffffffff, a1 = a >> 32, b0 = b & 0xffffffff, b1 = b >> 32
  const low = a0 * b0, cross1 = a0 * b1, cross2 = a1 * b0
  const middle = (low >> 32) + (cross1 & 0xffffffff) + (cross2 & 0xffffffff) // < 3 · 2^32
  return a1 * b1 + (cross1 >> 32) + (cross2 >> 32) + (middle >> 32)
}

// State of one exponentiation, kept between chunks of the exponent.
let q: u64 = 1 // odd part of the modulus
let small = false // q < 2^32: Montgomery with R = 2^32
let qNegInverse: u64 = 0 // -q^-1 mod 2^64
let lowMask: u64 = 0 // 2^k - 1
let accOdd: u64 = 0 // result so far mod q, Montgomery form
let accLow: u64 = 0 // result so far mod 2^k (unmasked)
const POWERS_ODD: usize = memory.data(16 * 8) // base^i · R mod q, i < 16
const POWERS_LOW: usize = memory.data(16 * 8) // base^i mod 2^64

/** a · b · R^-1 mod q for a, b < q (Montgomery REDC, HAC 14.32). */
@inline function montMul(a: u64, b: u64): u64 {
  const low = a * b
  const high = mulHigh(a, b)
  // low + (low · qNegInverse mod R) · q ≡ 0 mod R: the low word carries out exactly when low ≠ 0.
  const reduce = mulHigh(low * qNegInverse, q)
  let sum = high + reduce
  let overflow = sum < high
  const carried = sum + <u64>(low != 0)
  overflow |= carried < sum
  // sum < 2q; past 2^64 only when q > 2^63.
  return overflow || carried >= q ? carried - q : carried
}

/** a · b · 2^-32 mod q for a, b < q < 2^32. */
@inline function montMulSmall(a: u64, b: u64): u64 {
  const product = a * b
  const reduce = <u64>(<u32>product * <u32>qNegInverse) * q
  // The low halves sum to 0 mod 2^32, carrying exactly when product's is not 0; the sum is < 2q < 2^33.
  const sum = (product >> 32) + (reduce >> 32) + <u64>(<u32>product != 0)
  return sum >= q ? sum - q : sum
}

/** Montgomery multiplication for the current modulus (`isSmall` is a constant where it is inlined). */
@inline function mulOdd(a: u64, b: u64, isSmall: bool): u64 {
  return isSmall ? montMulSmall(a, b) : montMul(a, b)
}

/** (a + b) mod q for a, b < q. */
@inline function addMod(a: u64, b: u64): u64 {
  const sum = a + b
  return sum < a || sum >= q ? sum - q : sum
}

/**
 * Starts base^e mod modulus with the modulus and base (base < modulus,
 * modulus > 1) the host wrote to MODULUS and BASE.
 */
export function powStart(): void {
  const modulus = load<u64>(MODULUS)
  const k = ctz(modulus)
  q = modulus >> k
  lowMask = (<u64>1 << k) - 1
  // Newton's iteration doubles the correct low bits of q^-1; q · q ≡ 1 mod 8 gives 3 to start.
  let inverse = q
  for (let i = 0; i < 5; i++) inverse *= 2 - q * inverse
  qNegInverse = 0 - inverse
  small = q < 0x100000000
  // R mod q and R^2 mod q (by doubling when R = 2^64).
  let rModQ: u64, r2: u64
  if (small) {
    rModQ = (<u64>1 << 32) % q
    r2 = rModQ * rModQ % q
  } else {
    rModQ = (0 - q) % q
    r2 = rModQ
    for (let i = 0; i < 64; i++) r2 = addMod(r2, r2)
  }
  const baseValue = load<u64>(BASE)
  const baseOdd = mulOdd(baseValue % q, r2, small)
  store<u64>(POWERS_ODD, rModQ)
  store<u64>(POWERS_LOW, 1)
  for (let i: usize = 1; i < 16; i++) {
    store<u64>(POWERS_ODD + 8 * i, mulOdd(load<u64>(POWERS_ODD + 8 * (i - 1)), baseOdd, small))
    store<u64>(POWERS_LOW + 8 * i, load<u64>(POWERS_LOW + 8 * (i - 1)) * baseValue)
  }
  accOdd = rModQ
  accLow = 1
}

/** The exponent chunk size in bytes: the host passes the exponent in pieces of at most this. */
export function powChunkSize(): i32 { return 32768 }

/**
 * Continues the exponentiation over the next `length` exponent bytes
 * (big-endian order) at EXP: per nibble, four squarings, then a
 * multiplication by base^nibble unless it is zero.
 */
export function powChunk(length: i32): void {
  if (small) powLoop(length, true)
  else powLoop(length, false)
}

@inline function powLoop(length: i32, isSmall: bool): void {
  let odd = accOdd, low = accLow
  for (let j = 0, end = length << 1; j < end; j++) {
    const nibble = (<usize>load<u8>(EXP + <usize>(j >> 1)) >> (<usize>(~j & 1) << 2)) & 15
    odd = mulOdd(odd, odd, isSmall); low *= low
    odd = mulOdd(odd, odd, isSmall); low *= low
    odd = mulOdd(odd, odd, isSmall); low *= low
    odd = mulOdd(odd, odd, isSmall); low *= low
    if (nibble != 0) {
      odd = mulOdd(odd, load<u64>(POWERS_ODD + (nibble << 3)), isSmall)
      low *= load<u64>(POWERS_LOW + (nibble << 3))
    }
  }
  accOdd = odd
  accLow = low
}

/** Writes base^e mod modulus to RESULT. */
export function powFinish(): void {
  const odd = mulOdd(accOdd, 1, small) // out of Montgomery form
  // Garner: x = odd + q · ((low - odd) · q^-1 mod 2^k) is below q · 2^k = modulus.
  const t = ((accLow - odd) * (0 - qNegInverse)) & lowMask
  store<u64>(RESULT, odd + q * t)
}
