// AssemblyScript source of the 256-bit arithmetic kernel (compiled by
// scripts/build-word-kernel.ts into src/word-kernel.wasm.ts). Words are eight
// little-endian u32 limbs in a static buffer the host fills: A, B, N, then OUT.
// Division is Knuth's algorithm D on 32-bit digits (Hacker's Delight divmnu).

const BUF: usize = memory.data(1024)
const A: usize = BUF
const B: usize = BUF + 32
const N: usize = BUF + 64
const OUT: usize = BUF + 96
const P: usize = BUF + 128 // 16 limbs: a product or a widened sum
const Q: usize = BUF + 192 // 16 limbs
const UN: usize = BUF + 256 // 17 limbs
const VN: usize = BUF + 336 // 8 limbs
const R: usize = BUF + 384 // 8 limbs

@inline function get(p: usize, i: i32): u32 { return load<u32>(p + (<usize>i << 2)) }
@inline function put(p: usize, i: i32, v: u32): void { store<u32>(p + (<usize>i << 2), v) }

export function base(): usize { return BUF }

function significant(p: usize, len: i32): i32 {
  while (len > 0 && get(p, len - 1) == 0) len--
  return len
}

/** P[0..16) = A × B. */
function mulWide(): void {
  for (let i = 0; i < 16; i++) put(P, i, 0)
  for (let i = 0; i < 8; i++) {
    const ai = <u64>get(A, i)
    if (ai == 0) continue
    let carry: u64 = 0
    for (let j = 0; j < 8; j++) {
      const t = <u64>get(P, i + j) + ai * <u64>get(B, j) + carry
      put(P, i + j, <u32>t)
      carry = t >> 32
    }
    put(P, i + 8, <u32>carry)
  }
}

/** OUT = A × B mod 2^256. */
export function mul(): void {
  for (let i = 0; i < 8; i++) put(OUT, i, 0)
  for (let i = 0; i < 8; i++) {
    const ai = <u64>get(A, i)
    if (ai == 0) continue
    let carry: u64 = 0
    for (let j = 0; j < 8 - i; j++) {
      const t = <u64>get(OUT, i + j) + ai * <u64>get(B, j) + carry
      put(OUT, i + j, <u32>t)
      carry = t >> 32
    }
  }
}

/**
 * Divides u (m limbs) by v (n significant limbs, n <= m, v[n-1] != 0):
 * the quotient goes to Q[0..m-n], the remainder to R[0..n) (rest of R zeroed).
 */
function divide(u: usize, m: i32, v: usize, n: i32): void {
  for (let i = 0; i < 16; i++) put(Q, i, 0)
  for (let i = 0; i < 8; i++) put(R, i, 0)
  if (n == 1) {
    const d = <u64>get(v, 0)
    let k: u64 = 0
    for (let j = m - 1; j >= 0; j--) {
      const x = (k << 32) | <u64>get(u, j)
      const q = x / d
      put(Q, j, <u32>q)
      k = x - q * d
    }
    put(R, 0, <u32>k)
    return
  }
  const s = <u32>clz<u32>(get(v, n - 1))
  // Normalize: shift so the divisor's top bit is set (a 64-bit shift by 32 gives 0 when s = 0).
  for (let i = n - 1; i > 0; i--) put(VN, i, <u32>((<u64>get(v, i) << s) | (<u64>get(v, i - 1) >> (32 - s))))
  put(VN, 0, get(v, 0) << s)
  put(UN, m, <u32>(<u64>get(u, m - 1) >> (32 - s)))
  for (let i = m - 1; i > 0; i--) put(UN, i, <u32>((<u64>get(u, i) << s) | (<u64>get(u, i - 1) >> (32 - s))))
  put(UN, 0, get(u, 0) << s)
  const vTop = <u64>get(VN, n - 1)
  const vNext = <u64>get(VN, n - 2)
  for (let j = m - n; j >= 0; j--) {
    const top = (<u64>get(UN, j + n) << 32) | <u64>get(UN, j + n - 1)
    let qhat = top / vTop
    let rhat = top - qhat * vTop
    while (qhat >= 0x100000000 || qhat * vNext > ((rhat << 32) | <u64>get(UN, j + n - 2))) {
      qhat--
      rhat += vTop
      if (rhat >= 0x100000000) break
    }
    // Multiply and subtract.
    let k: i64 = 0
    let t: i64 = 0
    for (let i = 0; i < n; i++) {
      const p = qhat * <u64>get(VN, i)
      t = <i64>get(UN, i + j) - k - <i64>(p & 0xffffffff)
      put(UN, i + j, <u32>t)
      k = <i64>(p >> 32) - (t >> 32)
    }
    t = <i64>get(UN, j + n) - k
    put(UN, j + n, <u32>t)
    if (t < 0) {
      // Subtracted too much: add back.
      qhat--
      let c: u64 = 0
      for (let i = 0; i < n; i++) {
        const x = <u64>get(UN, i + j) + <u64>get(VN, i) + c
        put(UN, i + j, <u32>x)
        c = x >> 32
      }
      put(UN, j + n, <u32>(<u64>get(UN, j + n) + c))
    }
    put(Q, j, <u32>qhat)
  }
  // Unnormalize the remainder.
  for (let i = 0; i < n - 1; i++) put(R, i, <u32>((<u64>get(UN, i) >> s) | (<u64>get(UN, i + 1) << (32 - s))))
  put(R, n - 1, get(UN, n - 1) >> s)
}

/** OUT = A / B (quotient = 1) or A mod B (quotient = 0); B must not be zero. */
export function divmod(quotient: i32): void {
  const m = significant(A, 8)
  const n = significant(B, 8)
  if (m < n) {
    for (let i = 0; i < 8; i++) put(OUT, i, quotient ? 0 : get(A, i))
    return
  }
  divide(A, m, B, n)
  const from = quotient ? Q : R
  for (let i = 0; i < 8; i++) put(OUT, i, get(from, i))
}

/** OUT = P[0..len) mod N; N must not be zero. */
function reduceProduct(len: i32): void {
  const m = significant(P, len)
  const n = significant(N, 8)
  if (m < n) {
    for (let i = 0; i < 8; i++) put(OUT, i, get(P, i))
    return
  }
  divide(P, m, N, n)
  for (let i = 0; i < 8; i++) put(OUT, i, get(R, i))
}

/** OUT = A × B mod N with a 512-bit product; N must not be zero. */
export function mulmod(): void {
  mulWide()
  reduceProduct(16)
}

/** OUT = (A + B) mod N with a 257-bit sum; N must not be zero. */
export function addmod(): void {
  let carry: u64 = 0
  for (let i = 0; i < 8; i++) {
    const t = <u64>get(A, i) + <u64>get(B, i) + carry
    put(P, i, <u32>t)
    carry = t >> 32
  }
  put(P, 8, <u32>carry)
  reduceProduct(9)
}
