/**
 * BLAKE2F (EIP-152), in the WebAssembly kernel and in the TypeScript fallback
 * on 32-bit halves: the EIP's vectors unchanged, and random inputs against a
 * plain bigint transcription of RFC 7693 §3.2. The embedded kernel must be
 * the current build of its AssemblyScript source.
 */
import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { compilePrecompileKernel, KERNEL_MODULE, kernelModuleSource } from '../build/precompile-kernel.ts'
import { blake2bCompress, blake2f } from '../src/precompiles/index.ts'
import { precompileKernel, usePrecompileKernel } from '../src/precompiles/kernel.ts'
import eip152 from './vectors/blake2f-eip152.json' with { type: 'json' }

const hexToBytes = (hex: string): Uint8Array => Uint8Array.from(Buffer.from(hex, 'hex'))
const bytesToHex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex')

// --- reference: RFC 7693 F on 64-bit bigints ---
const MASK = (1n << 64n) - 1n
const IV = [0x6a09e667f3bcc908n, 0xbb67ae8584caa73bn, 0x3c6ef372fe94f82bn, 0xa54ff53a5f1d36f1n, 0x510e527fade682d1n, 0x9b05688c2b3e6c1fn, 0x1f83d9abfb41bd6bn, 0x5be0cd19137e2179n]
const SIGMA = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15], [14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3],
  [11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4], [7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8],
  [9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13], [2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9],
  [12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11], [13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10],
  [6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5], [10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0],
]
const rotr = (x: bigint, n: bigint): bigint => ((x >> n) | (x << (64n - n))) & MASK
function referenceF(rounds: number, h: bigint[], m: bigint[], t0: bigint, t1: bigint, final: boolean): bigint[] {
  const v = [...h, ...IV]
  v[12] ^= t0
  v[13] ^= t1
  if (final) v[14] ^= MASK
  const g = (a: number, b: number, c: number, d: number, x: bigint, y: bigint): void => {
    v[a] = (v[a] + v[b] + x) & MASK; v[d] = rotr(v[d] ^ v[a], 32n)
    v[c] = (v[c] + v[d]) & MASK; v[b] = rotr(v[b] ^ v[c], 24n)
    v[a] = (v[a] + v[b] + y) & MASK; v[d] = rotr(v[d] ^ v[a], 16n)
    v[c] = (v[c] + v[d]) & MASK; v[b] = rotr(v[b] ^ v[c], 63n)
  }
  for (let r = 0; r < rounds; r++) {
    const s = SIGMA[r % 10]
    g(0, 4, 8, 12, m[s[0]], m[s[1]]); g(1, 5, 9, 13, m[s[2]], m[s[3]]); g(2, 6, 10, 14, m[s[4]], m[s[5]]); g(3, 7, 11, 15, m[s[6]], m[s[7]])
    g(0, 5, 10, 15, m[s[8]], m[s[9]]); g(1, 6, 11, 12, m[s[10]], m[s[11]]); g(2, 7, 8, 13, m[s[12]], m[s[13]]); g(3, 4, 9, 14, m[s[14]], m[s[15]])
  }
  return h.map((x, i) => x ^ v[i] ^ v[i + 8])
}
const readU64LE = (data: Uint8Array, at: number): bigint => new DataView(data.buffer, data.byteOffset).getBigUint64(at, true)
function referencePrecompile(input: Uint8Array): Uint8Array {
  const rounds = new DataView(input.buffer, input.byteOffset).getUint32(0)
  const h = Array.from({ length: 8 }, (_, i) => readU64LE(input, 4 + 8 * i))
  const m = Array.from({ length: 16 }, (_, i) => readU64LE(input, 68 + 8 * i))
  const out = new Uint8Array(64)
  referenceF(rounds, h, m, readU64LE(input, 196), readU64LE(input, 204), input[212] === 1)
    .forEach((w, i) => new DataView(out.buffer).setBigUint64(8 * i, w, true))
  return out
}

describe('precompile kernel', () => {
  it('the embedded module is the current build of assembly/precompile-kernel.ts', { timeout: 60_000 }, async () => {
    expect(readFileSync(KERNEL_MODULE, 'utf8')).toBe(kernelModuleSource(await compilePrecompileKernel()))
  })

  it('instantiates here and can be switched off and on', () => {
    expect(precompileKernel()).toBeDefined()
    usePrecompileKernel(false)
    expect(precompileKernel()).toBeUndefined()
    usePrecompileKernel(true)
    expect(precompileKernel()).toBeDefined()
  })

  it('BLAKE2F: kernel and TypeScript fallback agree on long random inputs (up to 2,000 rounds)', () => {
    const input = fc.tuple(fc.integer({ min: 0, max: 2_000 }), fc.uint8Array({ minLength: 208, maxLength: 208 }), fc.boolean())
    fc.assert(fc.property(input, ([rounds, body, final]) => {
      const bytes = new Uint8Array(213)
      new DataView(bytes.buffer).setUint32(0, rounds)
      bytes.set(body, 4)
      bytes[212] = final ? 1 : 0
      const fast = blake2f(bytes, 10_000)
      usePrecompileKernel(false)
      try {
        expect(blake2f(bytes, 10_000)).toEqual(fast)
      } finally {
        usePrecompileKernel(true)
      }
    }), { numRuns: 200 })
  })
})

for (const [path, kernelOn] of [['WebAssembly kernel', true], ['TypeScript fallback', false]] as const) {
  describe(path, () => {
    beforeAll(() => usePrecompileKernel(kernelOn))
    afterAll(() => usePrecompileKernel(true))

    it('runs on this path', () => expect(precompileKernel() !== undefined).toBe(kernelOn))

    describe('BLAKE2F EIP-152 vectors', () => {
      for (const vector of eip152.vectors) {
        it(vector.name, () => {
          const input = hexToBytes(vector.input)
          if (vector.gasOnly !== undefined) {
            // 2^32 - 1 rounds cost that much gas: one short of it fails before running a round.
            const r = blake2f(input, vector.gasOnly - 1)
            expect(r).toEqual({ ok: false, gasUsed: vector.gasOnly - 1, reason: 'out of gas' })
            return
          }
          const r = blake2f(input, 1_000_000)
          if (vector.error !== undefined) {
            expect(r.ok).toBe(false)
            expect(r.gasUsed).toBe(1_000_000)
            if (!r.ok) expect(r.reason).toContain(vector.error)
            return
          }
          expect(r.ok && bytesToHex(r.output)).toBe(vector.output)
          expect(r.gasUsed).toBe(new DataView(input.buffer).getUint32(0)) // 1 gas per round
        })
      }
    })

    describe('BLAKE2F against the bigint reference', () => {
      const input = fc.tuple(fc.integer({ min: 0, max: 40 }), fc.uint8Array({ minLength: 208, maxLength: 208 }), fc.boolean())
        .map(([rounds, body, final]) => {
          const out = new Uint8Array(213)
          new DataView(out.buffer).setUint32(0, rounds)
          out.set(body, 4)
          out[212] = final ? 1 : 0
          return out
        })

      it('same output for random state, message, counter, flag and rounds', () => {
        fc.assert(fc.property(input, (bytes) => {
          const r = blake2f(bytes, 1_000)
          expect(r.ok && bytesToHex(r.output)).toBe(bytesToHex(referencePrecompile(bytes)))
        }), { numRuns: 300 })
      })

      it('blake2bCompress (bigint words) agrees with the reference', () => {
        const word = fc.bigInt({ min: 0n, max: MASK })
        fc.assert(fc.property(fc.integer({ min: 0, max: 24 }), fc.array(word, { minLength: 8, maxLength: 8 }), fc.array(word, { minLength: 16, maxLength: 16 }), word, word, fc.boolean(),
          (rounds, h, m, t0, t1, final) => {
            expect(blake2bCompress(rounds, h, m, t0, t1, final)).toEqual(referenceF(rounds, h, m, t0, t1, final))
          }), { numRuns: 100 })
      })

      it('does not convert through BigInt on the precompile path (1 gas per round leaves no room for it)', () => {
        // Deterministic stand-in for the speed requirement: the bigint version called BigInt() per input byte.
        const spy = vi.spyOn(globalThis, 'BigInt')
        try {
          const r = blake2f(hexToBytes(eip152.vectors[5].input), 100)
          expect(r.ok).toBe(true)
          expect(spy).not.toHaveBeenCalled()
        } finally {
          spy.mockRestore()
        }
      })
    })
  })
}
