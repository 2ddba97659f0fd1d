/**
 * BLS12-381 precompiles of EIP-2537 (Prague), on @noble/curves bls12-381:
 * 0x0b G1ADD (375), 0x0c G1MSM, 0x0d G2ADD (600), 0x0e G2MSM, 0x0f PAIRING
 * (32600·k + 37700), 0x10 MAP_FP_TO_G1 (5500), 0x11 MAP_FP2_TO_G2 (23800).
 * Field elements are 64 bytes with 16 leading zero bytes and a value below
 * p; Fp2 is c0 then c1; the point at infinity is all zeros. ADD checks only
 * that points are on the curve; MSM and PAIRING also require the prime-order
 * subgroup. Any malformed input fails the call, consuming all its gas.
 */
import type { PrecompileResult, PurePrecompile } from '@zvm/core'
import { bls12381, type Bls12381 } from '../curves.ts'
import { G1_MSM_DISCOUNT, G2_MSM_DISCOUNT } from './bls-discounts.ts'
import { toBigint, toBytes } from './common.ts'

type G1Point = InstanceType<Bls12381['G1']['Point']>
type G2Point = InstanceType<Bls12381['G2']['Point']>
type Fp2Value = ReturnType<Bls12381['fields']['Fp2']['create']>

class BlsInputError extends Error {}

function fail(gasLimit: number, reason: string): PrecompileResult {
  return { ok: false, gasUsed: gasLimit, reason }
}

function readFp(data: Uint8Array, offset: number): bigint {
  for (let i = 0; i < 16; i++) if (data[offset + i] !== 0) throw new BlsInputError('field element has non-zero padding')
  const v = toBigint(data.subarray(offset + 16, offset + 64))
  if (v >= bls12381().fields.Fp.ORDER) throw new BlsInputError('field element is not below p')
  return v
}

function readFp2(data: Uint8Array, offset: number): Fp2Value {
  return bls12381().fields.Fp2.create({ c0: readFp(data, offset), c1: readFp(data, offset + 64) })
}

const B1 = 4n
let b2: Fp2Value | undefined

function readG1(data: Uint8Array, offset: number, subgroup: boolean): G1Point {
  const x = readFp(data, offset)
  const y = readFp(data, offset + 64)
  const { G1: { Point: G1 }, fields: { Fp } } = bls12381()
  if (x === 0n && y === 0n) return G1.ZERO
  // y² = x³ + 4
  if (Fp.sub(Fp.sqr(y), Fp.add(Fp.mul(Fp.sqr(x), x), B1)) !== 0n) throw new BlsInputError('G1 point is not on the curve')
  const p = G1.fromAffine({ x, y })
  if (subgroup && !p.isTorsionFree()) throw new BlsInputError('G1 point is not in the subgroup')
  return p
}

function readG2(data: Uint8Array, offset: number, subgroup: boolean): G2Point {
  const x = readFp2(data, offset)
  const y = readFp2(data, offset + 128)
  const { G2: { Point: G2 }, fields: { Fp2 } } = bls12381()
  if (Fp2.is0(x) && Fp2.is0(y)) return G2.ZERO
  const B2 = (b2 ??= Fp2.create({ c0: 4n, c1: 4n }))
  // y² = x³ + 4(1 + i)
  if (!Fp2.eql(Fp2.sqr(y), Fp2.add(Fp2.mul(Fp2.sqr(x), x), B2))) throw new BlsInputError('G2 point is not on the curve')
  const p = G2.fromAffine({ x, y })
  if (subgroup && !p.isTorsionFree()) throw new BlsInputError('G2 point is not in the subgroup')
  return p
}

function writeFp(out: Uint8Array, offset: number, v: bigint): void {
  out.set(toBytes(v, 48), offset + 16)
}

function writeG1(p: G1Point): Uint8Array {
  const out = new Uint8Array(128)
  if (p.is0()) return out
  const { x, y } = p.toAffine()
  writeFp(out, 0, x)
  writeFp(out, 64, y)
  return out
}

function writeG2(p: G2Point): Uint8Array {
  const out = new Uint8Array(256)
  if (p.is0()) return out
  const { x, y } = p.toAffine()
  writeFp(out, 0, x.c0)
  writeFp(out, 64, x.c1)
  writeFp(out, 128, y.c0)
  writeFp(out, 192, y.c1)
  return out
}

/** Runs `compute` when `gas` fits; malformed input becomes a failure. */
function priced(gas: number, gasLimit: number, compute: () => Uint8Array): PrecompileResult {
  if (gas > gasLimit) return fail(gasLimit, 'out of gas')
  try {
    return { ok: true, gasUsed: gas, output: compute() }
  } catch (e) {
    if (e instanceof BlsInputError) return fail(gasLimit, e.message)
    throw e
  }
}

function requireLength(input: Uint8Array, length: number): void {
  if (input.length !== length) throw new BlsInputError(`input must be ${length} bytes, got ${input.length}`)
}

function msmGas(k: number, base: number, table: readonly number[]): number {
  if (k === 0) return 0
  const discount = table[Math.min(k, table.length) - 1]
  return Math.floor((k * base * discount) / 1000)
}

export const blsG1Add: PurePrecompile = (input, gasLimit) =>
  priced(375, gasLimit, () => {
    requireLength(input, 256)
    return writeG1(readG1(input, 0, false).add(readG1(input, 128, false)))
  })

export const blsG2Add: PurePrecompile = (input, gasLimit) =>
  priced(600, gasLimit, () => {
    requireLength(input, 512)
    return writeG2(readG2(input, 0, false).add(readG2(input, 256, false)))
  })

function scalarAt(input: Uint8Array, offset: number): bigint {
  return toBigint(input.subarray(offset, offset + 32)) % bls12381().fields.Fr.ORDER
}

/** The shape G1 and G2 MSM share: k (point, scalar) pairs, priced with a discount table. */
interface MsmGroup<P extends { is0(): boolean; add(other: P): P; multiplyUnsafe(k: bigint): P }> {
  pointBytes: number
  baseGas: number
  discount: readonly number[]
  zero(): P
  read(data: Uint8Array, offset: number, subgroup: boolean): P
  write(p: P): Uint8Array
}

function msm<P extends { is0(): boolean; add(other: P): P; multiplyUnsafe(k: bigint): P }>(g: MsmGroup<P>): PurePrecompile {
  const pairBytes = g.pointBytes + 32
  return (input, gasLimit) => {
    const k = Math.floor(input.length / pairBytes)
    return priced(msmGas(k, g.baseGas, g.discount), gasLimit, () => {
      if (k === 0 || input.length % pairBytes !== 0) throw new BlsInputError(`input must be a non-empty multiple of ${pairBytes} bytes, got ${input.length}`)
      let sum = g.zero()
      for (let i = 0; i < k; i++) {
        const p = g.read(input, pairBytes * i, true)
        const s = scalarAt(input, pairBytes * i + g.pointBytes)
        if (s !== 0n && !p.is0()) sum = sum.add(p.multiplyUnsafe(s))
      }
      return g.write(sum)
    })
  }
}

export const blsG1Msm: PurePrecompile = msm<G1Point>({ pointBytes: 128, baseGas: 12000, discount: G1_MSM_DISCOUNT, zero: () => bls12381().G1.Point.ZERO, read: readG1, write: writeG1 })
export const blsG2Msm: PurePrecompile = msm<G2Point>({ pointBytes: 256, baseGas: 22500, discount: G2_MSM_DISCOUNT, zero: () => bls12381().G2.Point.ZERO, read: readG2, write: writeG2 })

export const blsPairing: PurePrecompile = (input, gasLimit) => {
  const k = Math.floor(input.length / 384)
  return priced(32600 * k + 37700, gasLimit, () => {
    if (k === 0 || input.length % 384 !== 0) throw new BlsInputError(`input must be a non-empty multiple of 384 bytes, got ${input.length}`)
    const pairs: { g1: G1Point; g2: G2Point }[] = []
    for (let i = 0; i < k; i++) {
      const g1 = readG1(input, 384 * i, true)
      const g2 = readG2(input, 384 * i + 128, true)
      if (!g1.is0() && !g2.is0()) pairs.push({ g1, g2 })
    }
    const curve = bls12381()
    const ok = pairs.length === 0 || curve.fields.Fp12.eql(curve.pairingBatch(pairs), curve.fields.Fp12.ONE)
    return toBytes(ok ? 1n : 0n, 32)
  })
}

export const blsMapFpToG1: PurePrecompile = (input, gasLimit) =>
  priced(5500, gasLimit, () => {
    requireLength(input, 64)
    // noble's hasher mapToCurve is map_to_curve (SSWU + isogeny) followed by clear_cofactor, as
    // EIP-2537 specifies; it returns a point (its declared type says affine) and takes a bare
    // bigint for G1 (m = 1).
    const map = bls12381().G1.mapToCurve as unknown as (u: bigint) => G1Point
    return writeG1(map(readFp(input, 0)))
  })

export const blsMapFp2ToG2: PurePrecompile = (input, gasLimit) =>
  priced(23800, gasLimit, () => {
    requireLength(input, 128)
    const e = readFp2(input, 0)
    const map = bls12381().G2.mapToCurve as unknown as (u: bigint[]) => G2Point
    return writeG2(map([e.c0, e.c1]))
  })
