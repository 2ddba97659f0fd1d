/**
 * A small seeded generator (xorshift128+ on two 32-bit halves per word, as
 * fast-check's `xorshift128plus`), so a run is a pure function of its seed:
 * same seed, same programs, same findings. Math.random is never used.
 */

/** splitmix32: spreads a seed (and a stream label) over the generator's state. */
function mix(x: number): number {
  x = (x + 0x9e3779b9) | 0
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b)
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35)
  return (x ^ (x >>> 16)) >>> 0
}

/**
 * A deterministic pseudo-random stream.
 *
 * @example
 * ```ts
 * const r = Rng.of(42, 'evm', 7) // the 7th EVM program of seed 42
 * r.int(10) // the same number on every run
 * ```
 */
export class Rng {
  #s0: number
  #s1: number
  #s2: number
  #s3: number

  constructor(seed: number) {
    this.#s0 = mix(seed)
    this.#s1 = mix(this.#s0 ^ 0x6a09e667)
    this.#s2 = mix(this.#s1 ^ 0xbb67ae85)
    this.#s3 = mix(this.#s2 ^ 0x3c6ef372) | 1
  }

  /** The stream for program `index` of `target` under `seed`: each program is reproducible on its own. */
  static of(seed: number, target: string, index: number): Rng {
    let h = mix(seed)
    for (let i = 0; i < target.length; i++) h = mix(h ^ target.charCodeAt(i))
    return new Rng(mix(h ^ mix(index)))
  }

  /** A uniform 32-bit unsigned integer (xorshift128). */
  u32(): number {
    const t = this.#s0 ^ (this.#s0 << 11)
    this.#s0 = this.#s1
    this.#s1 = this.#s2
    this.#s2 = this.#s3
    this.#s3 = (this.#s3 ^ (this.#s3 >>> 19) ^ (t ^ (t >>> 8))) >>> 0
    return this.#s3
  }

  /** An integer in [0, n). */
  int(n: number): number {
    if (n <= 1) return 0
    return n <= 0x1_0000_0000 ? Math.floor((this.u32() / 0x1_0000_0000) * n) : Math.floor(((this.u32() * 0x1_0000_0000 + this.u32()) / 2 ** 64) * n)
  }

  /** An integer in [min, max]. */
  range(min: number, max: number): number {
    return min + this.int(max - min + 1)
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.u32() / 0x1_0000_0000 < p
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]
  }

  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n)
    for (let i = 0; i < n; i++) out[i] = this.u32() & 0xff
    return out
  }

  /** A word biased toward edge cases: small, all ones, powers of two, random. */
  word(): bigint {
    switch (this.int(6)) {
      case 0: return BigInt(this.int(97))
      case 1: return (1n << 256n) - 1n - BigInt(this.int(3))
      case 2: return 1n << BigInt(this.int(256))
      case 3: return (1n << BigInt(this.int(256))) - 1n
      default: {
        let v = 0n
        for (let i = 0; i < 8; i++) v = (v << 32n) | BigInt(this.u32())
        return v
      }
    }
  }
}
