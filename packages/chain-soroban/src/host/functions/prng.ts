/**
 * Module `p`: the host PRNG, as rs-soroban-env provides it.
 *
 * Every generator is ChaCha20 (rand_chacha's `ChaCha20Rng`: the 32-byte seed
 * is the key, nonce and stream 0) read as rand_core's block RNG does (whole
 * 32-bit words; `fill_bytes` drops the rest of a partly used word). The host
 * keeps one *base* generator, seeded with `SorobanHostOptions.prngSeed`
 * (default 32 zero bytes, as soroban-sdk's test environment) and carried
 * across invocations of the same `SorobanHost`; each contract frame gets its
 * own generator the first time it uses one, seeded with 32 bytes drawn from
 * the base. `prng_reseed` replaces the frame's generator.
 *
 * `prng_u64_in_inclusive_range` is rand 0.8's `Uniform<u64>` sample (widening
 * multiply with rejection zone) and `prng_vec_shuffle` its Fisher–Yates
 * `shuffle` (indices by `gen_range::<u32>`), so results match the real host
 * for the same seed.
 */
import { chacha20 } from '@noble/ciphers/chacha.js'
import { Cost } from '../../budget.ts'
import { ErrorCode, ErrorType, HostError } from '../../errors.ts'
import type { Frame } from '../frame.ts'
import type { Invocation } from '../invocation.ts'
import type { Of } from '../objects.ts'
import type { HostImplementation } from './types.ts'

const WORDS = 64 // rand_chacha refills four 64-byte blocks at a time
const NONCE = new Uint8Array(12)
const M32 = 0xffff_ffffn
const M64 = (1n << 64n) - 1n

export class ChaChaRng {
  private readonly key: Uint8Array
  private counter = 0
  private readonly words = new Uint32Array(WORDS)
  private index = WORDS

  constructor(seed: Uint8Array) {
    if (seed.length !== 32) throw new RangeError('a ChaCha20 seed is 32 bytes')
    this.key = seed.slice()
  }

  private refill(): void {
    const out = chacha20(this.key, NONCE, new Uint8Array(WORDS * 4), undefined, this.counter)
    this.counter += WORDS / 16
    const view = new DataView(out.buffer, out.byteOffset, out.byteLength)
    for (let i = 0; i < WORDS; i++) this.words[i] = view.getUint32(i * 4, true)
    this.index = 0
  }

  nextU32(): number {
    if (this.index >= WORDS) this.refill()
    return this.words[this.index++]
  }

  nextU64(): bigint {
    const lo = BigInt(this.nextU32())
    const hi = BigInt(this.nextU32())
    return (hi << 32n) | lo
  }

  fillBytes(out: Uint8Array): void {
    for (let at = 0; at < out.length;) {
      const w = this.nextU32()
      for (let b = 0; b < 4 && at < out.length; b++, at++) out[at] = (w >>> (8 * b)) & 0xff
    }
  }

  /** rand 0.8 `UniformInt<u64>::new_inclusive(lo, hi).sample`. */
  u64InclusiveRange(lo: bigint, hi: bigint): bigint {
    const range = (hi - lo + 1n) & M64
    if (range === 0n) return this.nextU64()
    const zone = M64 - (((M64 - range + 1n) & M64) % range)
    for (;;) {
      const wide = this.nextU64() * range
      if ((wide & M64) <= zone) return (lo + (wide >> 64n)) & M64
    }
  }

  /** rand 0.8 `UniformInt<u32>::sample_single(0, ubound)` (ubound ≥ 1). */
  index32(ubound: number): number {
    const range = BigInt(ubound)
    const zone = ((range << BigInt(Math.clz32(ubound))) - 1n) & M32
    for (;;) {
      const wide = BigInt(this.nextU32()) * range
      if ((wide & M32) <= zone) return Number(wide >> 32n)
    }
  }

  /** rand 0.8 `SliceRandom::shuffle`. */
  shuffle<T>(items: T[]): void {
    for (let i = items.length - 1; i >= 1; i--) {
      const j = this.index32(i + 1)
      const t = items[i]
      items[i] = items[j]
      items[j] = t
    }
  }
}

const frameRngs = new WeakMap<Frame, ChaChaRng>()
const fallbackBase = new WeakMap<Invocation, ChaChaRng>()

function baseRng(h: Invocation): ChaChaRng {
  if (h.env.prng !== undefined) return h.env.prng
  let b = fallbackBase.get(h)
  if (b === undefined) { b = new ChaChaRng(new Uint8Array(32)); fallbackBase.set(h, b) }
  return b
}

/** The current frame's generator, drawn from the base one on first use. */
function frameRng(h: Invocation): ChaChaRng {
  const frame = h.frame
  let rng = frameRngs.get(frame)
  if (rng === undefined) {
    const seed = new Uint8Array(32)
    baseRng(h).fillBytes(seed)
    h.budget.chargeCpu(Cost.perByte * 32)
    rng = new ChaChaRng(seed)
    frameRngs.set(frame, rng)
  }
  return rng
}

export const prng: Record<string, HostImplementation> = {
  prng_reseed: (h, [seed]) => {
    const bytes = (seed as Of<'bytes'>).value
    if (bytes.length !== 32) throw new HostError(ErrorType.Value, ErrorCode.UnexpectedSize, `prng seed of ${bytes.length} bytes, expected 32`)
    frameRng(h) // the host creates the frame's generator before replacing it, drawing from the base
    frameRngs.set(h.frame, new ChaChaRng(bytes))
    return undefined
  },
  prng_bytes_new: (h, [length]) => {
    const n = length as number
    h.budget.chargeCpu(Cost.perByte * n)
    h.budget.chargeMem(n)
    const out = new Uint8Array(n)
    frameRng(h).fillBytes(out)
    return { kind: 'bytes', value: out }
  },
  prng_u64_in_inclusive_range: (h, [lo, hi]) => {
    if ((lo as bigint) > (hi as bigint)) throw new HostError(ErrorType.Value, ErrorCode.InvalidInput, `empty range [${lo}, ${hi}]`)
    h.budget.chargeCpu(Cost.perByte * 16)
    return frameRng(h).u64InclusiveRange(lo as bigint, hi as bigint)
  },
  prng_vec_shuffle: (h, [v]) => {
    const items = [...(v as Of<'vec'>).value]
    h.budget.chargeCpu(Cost.perByte * 16 * items.length)
    h.budget.chargeMem(8 * items.length)
    frameRng(h).shuffle(items)
    return { kind: 'vec', value: items }
  },
}
