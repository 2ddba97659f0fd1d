/**
 * 0x06 ECADD, 0x07 ECMUL, 0x08 ECPAIRING on alt_bn128 (EIP-196, EIP-197)
 * with EIP-1108 prices (150, 6000, 45000 + 34000·k), on @noble/curves bn254.
 * Points not on the curve (or G2 points outside the subgroup) and
 * coordinates ≥ p make the call fail, consuming all its gas.
 */
import type { PurePrecompile } from '@zvm/core'
import { BN254_P as P, bn254, type Bn254 } from '../curves.ts'
import { charged, padded, toBigint, toBytes } from './common.ts'

type G1Point = InstanceType<Bn254['G1']['Point']>
type G2Point = InstanceType<Bn254['G2']['Point']>

function readG1(data: Uint8Array, offset: number): G1Point | undefined {
  const x = toBigint(data.subarray(offset, offset + 32))
  const y = toBigint(data.subarray(offset + 32, offset + 64))
  if (x >= P || y >= P) return undefined
  const G1 = bn254().G1.Point
  if (x === 0n && y === 0n) return G1.ZERO
  try {
    const p = G1.fromAffine({ x, y })
    p.assertValidity()
    return p
  } catch {
    return undefined
  }
}

function readG2(data: Uint8Array, offset: number): G2Point | undefined {
  // EIP-197 writes each Fp2 element as (imaginary, real).
  const [xi, xr, yi, yr] = [0, 1, 2, 3].map((i) => toBigint(data.subarray(offset + 32 * i, offset + 32 * i + 32)))
  if (xi >= P || xr >= P || yi >= P || yr >= P) return undefined
  const { G2: { Point: G2 }, fields: { Fp2 } } = bn254()
  if (xi === 0n && xr === 0n && yi === 0n && yr === 0n) return G2.ZERO
  try {
    const p = G2.fromAffine({ x: Fp2.create({ c0: xr, c1: xi }), y: Fp2.create({ c0: yr, c1: yi }) })
    p.assertValidity()
    return p
  } catch {
    return undefined
  }
}

function writeG1(p: G1Point): Uint8Array {
  const out = new Uint8Array(64)
  if (p.is0()) return out
  const { x, y } = p.toAffine()
  out.set(toBytes(x, 32), 0)
  out.set(toBytes(y, 32), 32)
  return out
}

export const bn254Add: PurePrecompile = (input, gasLimit) =>
  charged(150, gasLimit, () => {
    const data = padded(input, 0, 128)
    const a = readG1(data, 0)
    const b = readG1(data, 64)
    if (!a || !b) return undefined
    return writeG1(a.add(b))
  })

export const bn254Mul: PurePrecompile = (input, gasLimit) =>
  charged(6000, gasLimit, () => {
    const data = padded(input, 0, 96)
    const p = readG1(data, 0)
    if (!p) return undefined
    const k = toBigint(data.subarray(64, 96)) % bn254().fields.Fr.ORDER
    return writeG1(k === 0n || p.is0() ? bn254().G1.Point.ZERO : p.multiplyUnsafe(k))
  })

export const bn254Pairing: PurePrecompile = (input, gasLimit) => {
  const pairs = Math.floor(input.length / 192)
  return charged(45000 + 34000 * pairs, gasLimit, () => {
    if (input.length % 192 !== 0) return undefined
    const batch: { g1: G1Point; g2: G2Point }[] = []
    for (let i = 0; i < pairs; i++) {
      const g1 = readG1(input, 192 * i)
      const g2 = readG2(input, 192 * i + 64)
      if (!g1 || !g2) return undefined
      if (!g1.is0() && !g2.is0()) batch.push({ g1, g2 })
    }
    const curve = bn254()
    const ok = batch.length === 0 || curve.fields.Fp12.eql(curve.pairingBatch(batch), curve.fields.Fp12.ONE)
    return toBytes(ok ? 1n : 0n, 32)
  })
}
