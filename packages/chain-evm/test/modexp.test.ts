/**
 * MODEXP (EIP-198, EIP-2565 gas) for long exponents: random inputs against a
 * naive bigint reference, results fixed by number theory for megabyte
 * exponents, and the issue #18 input against @ethereumjs/evm. Moduli below
 * 2^64 run in the WebAssembly kernel, so each suite runs with it and on the
 * TypeScript fallback.
 */
import fc from 'fast-check'
import { bigintToBytes, type Address } from '@zvm/primitives'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { modexp, modexpGas } from '../src/precompiles/index.ts'
import { precompileKernel, usePrecompileKernel } from '../src/precompiles/kernel.ts'
import { ethereumjsEngine, zvmEngine } from './engines.ts'

const word = (v: number): Uint8Array => bigintToBytes(BigInt(v), 32)
function modexpInput(base: Uint8Array, exponent: Uint8Array, modulus: Uint8Array): Uint8Array {
  const out = new Uint8Array(96 + base.length + exponent.length + modulus.length)
  out.set(word(base.length), 0)
  out.set(word(exponent.length), 32)
  out.set(word(modulus.length), 64)
  out.set(base, 96)
  out.set(exponent, 96 + base.length)
  out.set(modulus, 96 + base.length + exponent.length)
  return out
}
const toBigint = (bytes: Uint8Array): bigint => bytes.reduce((v, b) => (v << 8n) | BigInt(b), 0n)

/** Right-to-left square-and-multiply, the textbook way (EIP-198 answers 0 for modulus 0). */
function naiveModPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  if (modulus === 0n) return 0n
  let result = 1n % modulus
  let x = base % modulus
  for (let k = exponent; k > 0n; k >>= 1n) {
    if (k & 1n) result = (result * x) % modulus
    x = (x * x) % modulus
  }
  return result
}

function expectModexp(base: Uint8Array, exponent: Uint8Array, modulus: Uint8Array, expected: bigint): void {
  const r = modexp(modexpInput(base, exponent, modulus), 30_000_000)
  expect(r.ok).toBe(true)
  if (r.ok) expect(r.output).toEqual(bigintToBytes(expected, modulus.length))
}

for (const [path, kernelOn] of [['WebAssembly kernel', true], ['TypeScript fallback', false]] as const) {
  describe(path, () => {
    beforeAll(() => usePrecompileKernel(kernelOn))
    afterAll(() => usePrecompileKernel(true))

    it('runs on this path', () => expect(precompileKernel() !== undefined).toBe(kernelOn))

    describe('MODEXP against a naive bigint reference', () => {
      const operand = (maxLength: number): fc.Arbitrary<Uint8Array> => fc.oneof(
        fc.uint8Array({ maxLength }),
        fc.constantFrom(new Uint8Array(0), Uint8Array.of(0), Uint8Array.of(1), Uint8Array.of(2), new Uint8Array(5), Uint8Array.of(0, 0, 1)),
      )
      it('random base, exponent and modulus (0–70 bytes; moduli on both sides of 2^26 and 2^32)', () => {
        fc.assert(fc.property(operand(70), operand(70), fc.oneof(operand(70), fc.uint8Array({ minLength: 3, maxLength: 5 })), (base, exponent, modulus) => {
          const input = modexpInput(base, exponent, modulus)
          const r = modexp(input, 30_000_000)
          const expHead = toBigint(exponent.subarray(0, 32))
          expect(r.gasUsed).toBe(Number(modexpGas(BigInt(base.length), BigInt(exponent.length), BigInt(modulus.length), expHead)))
          expect(r.ok && r.output).toEqual(bigintToBytes(naiveModPow(toBigint(base), toBigint(exponent), toBigint(modulus)), modulus.length))
        }), { numRuns: 500 })
      })

      it('input shorter than its lengths is zero-padded', () => {
        const input = modexpInput(Uint8Array.of(3), Uint8Array.of(5), Uint8Array.of(0, 100)).subarray(0, 96 + 2) // modulus bytes cut off: 0
        expect(modexp(input, 1_000)).toEqual({ ok: true, gasUsed: 200, output: new Uint8Array(2) })
      })
    })

    describe('MODEXP with long exponents', () => {
      const ones = (length: number): Uint8Array => new Uint8Array(length).fill(0xff)

      it('1 MB exponent, modulus 1 and modulus 0: all-zero result of the modulus length', () => {
        expectModexp(Uint8Array.of(3), ones(1 << 20), Uint8Array.of(1), 0n)
        expectModexp(Uint8Array.of(3), ones(1 << 20), Uint8Array.of(0, 0, 0), 0n)
      })

      it('1 MB exponent, prime moduli: agrees with Fermat (b^e = b^(e mod (p-1)) mod p)', { timeout: 60_000 }, () => {
        const exponent = ones(1 << 20)
        const e = (1n << BigInt(8 << 20)) - 1n
        for (const p of [251n, 65521n, 67108859n, 4294967291n, 18446744073709551557n]) {
          const pBytes = bigintToBytes(p, Math.ceil(p.toString(16).length / 2))
          expectModexp(Uint8Array.of(7), exponent, pBytes, naiveModPow(7n, e % (p - 1n), p))
        }
      })

      it('4 KB exponent on a 32-byte modulus matches the naive reference', () => {
        const exponent = Uint8Array.from({ length: 4096 }, (_, i) => (i * 131 + 7) & 255)
        const base = Uint8Array.from({ length: 32 }, (_, i) => 255 - i)
        const modulus = Uint8Array.from({ length: 32 }, (_, i) => (i * 29 + 1) & 255)
        expectModexp(base, exponent, modulus, naiveModPow(toBigint(base), toBigint(exponent), toBigint(modulus)))
      })
    })

    describe('MODEXP with moduli of at most 8 bytes', () => {
      // Odd and even, powers of two, and values at the 2^26, 2^32 and 2^63 edges of the paths.
      const edges = [1n, 2n, 3n, 4n, 0xfbn, 0x100n, (1n << 26n) - 5n, (1n << 32n) - 5n, 1n << 32n, (1n << 32n) + 1n, 3n << 32n,
        (1n << 63n) - 25n, 1n << 63n, (1n << 63n) + 1n, (1n << 64n) - 59n, (1n << 64n) - 2n, (1n << 64n) - 1n]
      const modulus = fc.oneof(
        fc.uint8Array({ minLength: 1, maxLength: 8 }),
        fc.constantFrom(...edges).map((m) => bigintToBytes(m, 8)),
        fc.tuple(fc.bigInt({ min: 1n, max: (1n << 32n) - 1n }), fc.integer({ min: 0, max: 32 })).map(([odd, k]) => bigintToBytes((odd << BigInt(k)) & ((1n << 64n) - 1n), 8)),
      )
      const base = fc.oneof(fc.uint8Array({ maxLength: 12 }), fc.constantFrom(...edges).map((b) => bigintToBytes(b - 1n, 8)))
      it('random base and exponent (0–40 bytes) against the naive reference', () => {
        fc.assert(fc.property(base, fc.uint8Array({ maxLength: 40 }), modulus, (b, e, m) => {
          expectModexp(b, e, m, naiveModPow(toBigint(b), toBigint(e), toBigint(m)))
        }), { numRuns: 1_000 })
      })
    })
  })
}

describe('MODEXP kernel against the TypeScript fallback', () => {
  it('exponents spanning several kernel chunks (70 KB), odd, even and power-of-two moduli', { timeout: 60_000 }, () => {
    const exponent = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 131 + 7) & 255)
    for (const m of [0xfbn, (1n << 32n) - 5n, 6n << 32n, (1n << 64n) - 59n, (1n << 64n) - 2n, 1n << 63n, 0x1234567800000000n]) {
      const input = modexpInput(Uint8Array.of(7, 1, 2, 3, 4, 5, 6, 8, 9), exponent, bigintToBytes(m, 8))
      const fast = modexp(input, 30_000_000)
      usePrecompileKernel(false)
      try {
        expect(modexp(input, 30_000_000)).toEqual(fast)
      } finally {
        usePrecompileKernel(true)
      }
    }
  })
})

describe('MODEXP through STATICCALL against @ethereumjs/evm', () => {
  const CALLER: Address = '0x00000000000000000000000000000000000c0ffe'
  const PROBE: Address = '0x00000000000000000000000000000000000000aa'
  /** Code: STATICCALL 0x05 with the calldata, return (success ‖ 32 output bytes). */
  const PROBE_CODE = '366000602037' + '6020602036602060055afa' + '600052' + '60406000f3'
  const long = Uint8Array.from({ length: 2048 }, (_, i) => (i * 131 + 7) & 255)
  const cases: [string, string, Uint8Array, number][] = [
    // Issue #18 as written: base length 1, exponent length 256 KB whose first 32 bytes are 0xff, modulus length 1 (zero).
    ['256 KB exponent, modulus 0 (issue #18)', '60015f526204000060205260016040527fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff6061525f5f60815f60055afa00', new Uint8Array(0), 1_000_000],
    ['2 KB exponent, 32-byte modulus', PROBE_CODE, modexpInput(Uint8Array.of(3), long, long.subarray(100, 132)), 10_000_000],
    ['2 KB exponent, 4-byte modulus', PROBE_CODE, modexpInput(long.subarray(0, 40), long, Uint8Array.of(0xf1, 2, 3, 5)), 10_000_000],
    ['2 KB exponent, 3-byte modulus', PROBE_CODE, modexpInput(long.subarray(0, 2), long, Uint8Array.of(0x3f, 2, 3)), 10_000_000],
  ]
  it.each(cases)('%s: same status, output and gas', async (_, codeHex, data, gas) => {
    const code = Uint8Array.from(Buffer.from(codeHex, 'hex'))
    const z = zvmEngine('Cancun')
    const e = await ethereumjsEngine('Cancun')
    await z.setCode(PROBE, code)
    await e.setCode(PROBE, code)
    const expected = await e.call(CALLER, PROBE, data, gas)
    expect(await z.call(CALLER, PROBE, data, gas)).toEqual(expected)
    if (data.length > 0) expect(expected.returnData).not.toBe(`0x${'0'.repeat(63)}1${'0'.repeat(64)}`) // a real result, not zeros
  })
})
