/**
 * 0x09 BLAKE2F (EIP-152): the BLAKE2b compression function F with a caller
 * chosen number of rounds. @noble/hashes exposes BLAKE2b but not F with a
 * round count, so F itself is written here, following RFC 7693 §3.2 (the
 * spec EIP-152 points at). Input is exactly 213 bytes: rounds (4, big
 * endian), h (64), m (128), t (16), final flag (1, must be 0 or 1); gas = rounds.
 */
import type { Precompile } from '@zvm/core'

const MASK = (1n << 64n) - 1n
const IV = [
  0x6a09e667f3bcc908n, 0xbb67ae8584caa73bn, 0x3c6ef372fe94f82bn, 0xa54ff53a5f1d36f1n,
  0x510e527fade682d1n, 0x9b05688c2b3e6c1fn, 0x1f83d9abfb41bd6bn, 0x5be0cd19137e2179n,
]
const SIGMA = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15], [14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3],
  [11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4], [7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8],
  [9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13], [2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9],
  [12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11], [13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10],
  [6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5], [10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0],
]

function rotr(x: bigint, n: bigint): bigint {
  return ((x >> n) | (x << (64n - n))) & MASK
}

function readU64LE(data: Uint8Array, at: number): bigint {
  let v = 0n
  for (let i = 7; i >= 0; i--) v = (v << 8n) | BigInt(data[at + i])
  return v
}

/** F(h, m, t, f, rounds) from RFC 7693, returning the new state h. */
export function blake2bCompress(rounds: number, h: bigint[], m: bigint[], t0: bigint, t1: bigint, final: boolean): bigint[] {
  const v = [...h, ...IV]
  v[12] ^= t0
  v[13] ^= t1
  if (final) v[14] ^= MASK
  const g = (a: number, b: number, c: number, d: number, x: bigint, y: bigint): void => {
    v[a] = (v[a] + v[b] + x) & MASK
    v[d] = rotr(v[d] ^ v[a], 32n)
    v[c] = (v[c] + v[d]) & MASK
    v[b] = rotr(v[b] ^ v[c], 24n)
    v[a] = (v[a] + v[b] + y) & MASK
    v[d] = rotr(v[d] ^ v[a], 16n)
    v[c] = (v[c] + v[d]) & MASK
    v[b] = rotr(v[b] ^ v[c], 63n)
  }
  for (let r = 0; r < rounds; r++) {
    const s = SIGMA[r % 10]
    g(0, 4, 8, 12, m[s[0]], m[s[1]])
    g(1, 5, 9, 13, m[s[2]], m[s[3]])
    g(2, 6, 10, 14, m[s[4]], m[s[5]])
    g(3, 7, 11, 15, m[s[6]], m[s[7]])
    g(0, 5, 10, 15, m[s[8]], m[s[9]])
    g(1, 6, 11, 12, m[s[10]], m[s[11]])
    g(2, 7, 8, 13, m[s[12]], m[s[13]])
    g(3, 4, 9, 14, m[s[14]], m[s[15]])
  }
  return h.map((x, i) => x ^ v[i] ^ v[i + 8])
}

export const blake2f: Precompile = (input, gasLimit) => {
  if (input.length !== 213) return { ok: false, gasUsed: gasLimit, reason: `input must be 213 bytes, got ${input.length}` }
  const rounds = ((input[0] << 24) | (input[1] << 16) | (input[2] << 8) | input[3]) >>> 0
  if (rounds > gasLimit) return { ok: false, gasUsed: gasLimit, reason: 'out of gas' }
  const flag = input[212]
  if (flag > 1) return { ok: false, gasUsed: gasLimit, reason: `final flag must be 0 or 1, got ${flag}` }
  const h = Array.from({ length: 8 }, (_, i) => readU64LE(input, 4 + 8 * i))
  const m = Array.from({ length: 16 }, (_, i) => readU64LE(input, 68 + 8 * i))
  const out = blake2bCompress(rounds, h, m, readU64LE(input, 196), readU64LE(input, 204), flag === 1)
  const bytes = new Uint8Array(64)
  out.forEach((word, i) => {
    let w = word
    for (let b = 0; b < 8; b++) {
      bytes[8 * i + b] = Number(w & 0xffn)
      w >>= 8n
    }
  })
  return { ok: true, gasUsed: rounds, output: bytes }
}
