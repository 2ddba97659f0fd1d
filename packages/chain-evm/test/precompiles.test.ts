/**
 * Every precompile against @ethereumjs/evm's: the same inputs (valid points,
 * off-curve and out-of-field values, wrong lengths, random bytes) must give
 * the same success, output and gas. The call goes through STATICCALL so
 * both engines apply their full precompile path.
 */
import { bls12_381 } from '@noble/curves/bls12-381.js'
import { bn254 } from '@noble/curves/bn254.js'
import { secp256k1 } from '@noble/curves/secp256k1.js'
import fc from 'fast-check'
import { bigintToBytes, type Address } from '@zvm/primitives'
import { describe, expect, it } from 'vitest'
import { ethereumjsEngine, zvmEngine } from './engines.ts'

const CALLER: Address = '0x00000000000000000000000000000000000c0ffe'
const PROBE: Address = '0x00000000000000000000000000000000000000aa'

/** Code: copy calldata to memory, STATICCALL the precompile with it, return (success ‖ output). */
function probe(precompile: number, outSize: number): Uint8Array {
  const push = (v: number): number[] => (v < 256 ? [0x60, v] : [0x61, v >> 8, v & 255])
  return new Uint8Array([
    0x36, 0x60, 0x00, 0x60, 0x20, 0x37, // CALLDATACOPY(32, 0, size)
    ...push(outSize), 0x60, 0x20, 0x36, 0x60, 0x20, ...push(precompile), 0x5a, 0xfa, // STATICCALL(gas, p, 32, size, 32, out)
    0x60, 0x00, 0x52, // MSTORE(0, success)
    ...push(outSize + 32), 0x60, 0x00, 0xf3,
  ])
}

const fp = (v: bigint): number[] => [...new Uint8Array(16), ...bigintToBytes(v, 48)]
const g1 = (k: bigint): number[] => {
  const { x, y } = bls12_381.G1.Point.BASE.multiply(k).toAffine()
  return [...fp(x), ...fp(y)]
}
const g2 = (k: bigint): number[] => {
  const { x, y } = bls12_381.G2.Point.BASE.multiply(k).toAffine()
  return [...fp(x.c0), ...fp(x.c1), ...fp(y.c0), ...fp(y.c1)]
}
const scalar = (k: bigint): number[] => [...bigintToBytes(k, 32)]
const P = bls12_381.fields.Fp.ORDER
const k = fc.bigInt({ min: 1n, max: 2n ** 64n })

const blsCases: [number, number, fc.Arbitrary<readonly number[]>][] = [
  [0x0b, 128, fc.oneof(fc.tuple(k, k).map(([a, b]) => [...g1(a), ...g1(b)]), fc.constant([...fp(1n), ...fp(2n), ...g1(1n)]), fc.constant([...fp(P), ...fp(1n), ...g1(1n)]), fc.constant(g1(1n)))],
  [0x0c, 128, fc.oneof(fc.array(fc.tuple(k, k), { minLength: 1, maxLength: 3 }).map((l) => l.flatMap(([a, s]) => [...g1(a), ...scalar(s)])), fc.constant([]))],
  [0x0d, 256, fc.oneof(fc.tuple(k, k).map(([a, b]) => [...g2(a), ...g2(b)]), fc.constant([...g2(1n), ...new Array(256).fill(0)]))],
  [0x0e, 256, fc.array(fc.tuple(k, k), { minLength: 1, maxLength: 2 }).map((l) => l.flatMap(([a, s]) => [...g2(a), ...scalar(s)]))],
  [0x0f, 32, fc.oneof(fc.tuple(k, k).map(([a, b]) => [...g1(a), ...g2(b)]), fc.constant([...g1(2n), ...g2(3n), ...g1(bls12_381.fields.Fr.ORDER - 6n), ...g2(1n)]))],
  [0x10, 128, fc.bigInt({ min: 0n, max: P + 5n }).map((v) => fp(v))],
  [0x11, 256, fc.tuple(fc.bigInt({ min: 0n, max: P - 1n }), fc.bigInt({ min: 0n, max: P - 1n })).map(([a, b]) => [...fp(a), ...fp(b)])],
]

const bnPoint = (kk: bigint): number[] => {
  const { x, y } = bn254.G1.Point.BASE.multiply(kk).toAffine()
  return [...bigintToBytes(x, 32), ...bigintToBytes(y, 32)]
}
const msg = new Uint8Array(32).fill(9)
const sig = secp256k1.sign(msg, new Uint8Array(32).fill(1), { prehash: false, format: 'recovered' })
const classicCases: [number, number, fc.Arbitrary<readonly number[]>][] = [
  [0x01, 32, fc.oneof(fc.constant([...msg, ...bigintToBytes(BigInt(27 + sig[0]), 32), ...sig.subarray(1)]), fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 128 }))],
  [0x05, 64, fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 40 }), fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 120 }))
    .map(([b, e, m, rest]) => [...bigintToBytes(BigInt(b), 32), ...bigintToBytes(BigInt(e), 32), ...bigintToBytes(BigInt(m), 32), ...rest])],
  [0x06, 64, fc.tuple(k, k).map(([a, b]) => [...bnPoint(a), ...bnPoint(b)])],
  [0x07, 64, fc.tuple(k, fc.bigInt({ min: 0n, max: 2n ** 256n - 1n })).map(([a, s]) => [...bnPoint(a), ...bigintToBytes(s, 32)])],
  [0x09, 64, fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 212, maxLength: 214 }).map((a) => { a[0] = 0; a[1] = 0; return a })],
]

describe.each([...classicCases.map((c) => ['Cancun', ...c] as const), ...blsCases.map((c) => ['Prague', ...c] as const)])(
  '%s precompile %i',
  (fork, address, outSize, inputs) => {
    it(`matches @ethereumjs/evm (0x${address.toString(16).padStart(2, '0')})`, async () => {
      const code = probe(address, outSize)
      const z = zvmEngine(fork)
      const e = await ethereumjsEngine(fork)
      await z.setCode(PROBE, code)
      await e.setCode(PROBE, code)
      await fc.assert(fc.asyncProperty(inputs, async (input) => {
        const data = new Uint8Array(input)
        expect(await z.call(CALLER, PROBE, data, 30_000_000)).toEqual(await e.call(CALLER, PROBE, data, 30_000_000))
      }), { numRuns: 25 })
    })
  },
)
