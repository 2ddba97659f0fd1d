/**
 * Module `c`: BLS12-381 (CAP-59) and BN254 (CAP-74) host functions on
 * @noble/curves, with the real host's encodings and checks.
 *
 * BLS12-381: G1 is 96 bytes `be(X) || be(Y)`, G2 192 bytes
 * `be(X.c1) || be(X.c0) || be(Y.c1) || be(Y.c0)` (ZCash uncompressed). The
 * top three bits of the first byte are flags: compression and sort must be
 * unset; infinity is exactly `0x40` followed by zeros. Coordinates must be
 * below the field modulus and the point on the curve; `g*_mul`, `g*_msm` and
 * the pairing also require the prime-order subgroup, `g*_add` does not.
 * Scalars are U256 values reduced modulo r. BN254: G1 is 64 bytes
 * `be(X) || be(Y)`, G2 128 bytes with Fp2 as `be(c1) || be(c0)`; the two top
 * bits of the first byte must be unset and infinity is all zeros. Every
 * failure is `Error(Crypto, InvalidInput)`.
 *
 * Charged by the Bls12381* and Bn254* cost types where the real host
 * charges them: each field element decoded (DecodeFp) and encoded (EncodeFp,
 * after ProjectiveToAffine), the on-curve and subgroup checks of every
 * decoded point, each scalar taken from a U256 (FrFromU256) and each one
 * returned (FrToU256), and the operation itself (Add, Mul, Msm by pairs,
 * MapFpToG1/MapFp2ToG2, HashToG1/HashToG2 by message length, Pairing by
 * pairs, FrAddSub, FrMul, FrPow by the exponent's bit length, FrInv).
 */
import { bls12_381 } from '@noble/curves/bls12-381.js'
import { bn254 } from '@noble/curves/bn254.js'
import { CostType } from '../../cost/types.ts'
import { ErrorCode, ErrorType, HostError } from '../../errors.ts'
import type { Invocation } from '../invocation.ts'
import type { Of } from '../objects.ts'
import type { Arg, HostImplementation } from './types.ts'

const invalid = (message: string): HostError => new HostError(ErrorType.Crypto, ErrorCode.InvalidInput, message)

/** The cost types of one curve (BLS12-381 or BN254); -1 where the host charges nothing. */
interface CurveCosts {
  decodeFp: number, encodeFp: number, onCurve: number, subgroup: number, toAffine: number, add: number, mul: number, msm: number
}
const BLS_G1_COSTS: CurveCosts = {
  decodeFp: CostType.Bls12381DecodeFp, encodeFp: CostType.Bls12381EncodeFp, onCurve: CostType.Bls12381G1CheckPointOnCurve,
  subgroup: CostType.Bls12381G1CheckPointInSubgroup, toAffine: CostType.Bls12381G1ProjectiveToAffine, add: CostType.Bls12381G1Add, mul: CostType.Bls12381G1Mul, msm: CostType.Bls12381G1Msm,
}
const BLS_G2_COSTS: CurveCosts = {
  decodeFp: CostType.Bls12381DecodeFp, encodeFp: CostType.Bls12381EncodeFp, onCurve: CostType.Bls12381G2CheckPointOnCurve,
  subgroup: CostType.Bls12381G2CheckPointInSubgroup, toAffine: CostType.Bls12381G2ProjectiveToAffine, add: CostType.Bls12381G2Add, mul: CostType.Bls12381G2Mul, msm: CostType.Bls12381G2Msm,
}
const BN_G1_COSTS: CurveCosts = {
  decodeFp: CostType.Bn254DecodeFp, encodeFp: CostType.Bn254EncodeFp, onCurve: CostType.Bn254G1CheckPointOnCurve,
  subgroup: -1, toAffine: CostType.Bn254G1ProjectiveToAffine, add: CostType.Bn254G1Add, mul: CostType.Bn254G1Mul, msm: CostType.Bn254G1Msm,
}
const BN_G2_COSTS: CurveCosts = {
  decodeFp: CostType.Bn254DecodeFp, encodeFp: CostType.Bn254EncodeFp, onCurve: CostType.Bn254G2CheckPointOnCurve,
  subgroup: CostType.Bn254G2CheckPointInSubgroup, toAffine: -1, add: -1, mul: -1, msm: -1,
}
const charge = (h: Invocation, type: number, input = 0, iterations = 1): void => { if (type >= 0) h.budget.cost(type, input, iterations) }

const bytesOf = (a: Arg): Uint8Array => (a as Of<'bytes'>).value
const beInt = (b: Uint8Array): bigint => b.reduce((acc, x) => (acc << 8n) | BigInt(x), 0n)
function beBytes(v: bigint, n: number): Uint8Array {
  const out = new Uint8Array(n)
  for (let i = n - 1; i >= 0; i--) { out[i] = Number(v & 0xffn); v >>= 8n }
  return out
}
const concat = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let o = 0
  for (const p of parts) { out.set(p, o); o += p.length }
  return out
}

type AnyPoint = { add(o: AnyPoint): AnyPoint, multiply(n: bigint): AnyPoint, is0(): boolean, isTorsionFree(): boolean, toAffine(): { x: unknown, y: unknown }, equals(o: AnyPoint): boolean }

interface Fp2Like { c0: bigint, c1: bigint }

/** One curve group as the host encodes it. */
interface Group {
  readonly name: string
  readonly size: number
  decode(h: Invocation, bytes: Uint8Array, subgroup: boolean): AnyPoint
  /** Decodes and reports whether the point is on the curve (encoding errors still throw). */
  onCurve(h: Invocation, bytes: Uint8Array): boolean
  encode(h: Invocation, p: AnyPoint): Uint8Array
  readonly order: bigint
  readonly costs: CurveCosts
}

function makeGroup(opts: {
  name: string, fpBytes: number, degree: 1 | 2, p: bigint, order: bigint,
  flags: 'bls' | 'bn', Point: any, Fp2?: any, b: any, Fp: any, costs: CurveCosts,
}): Group {
  const costs = opts.costs
  const { name, fpBytes, degree, p, Point } = opts
  const size = 2 * degree * fpBytes
  const F = degree === 1 ? opts.Fp : opts.Fp2
  const readFp = (bytes: Uint8Array, at: number, mask: number): bigint => {
    const chunk = bytes.slice(at, at + fpBytes)
    chunk[0] &= mask
    const v = beInt(chunk)
    if (v >= p) throw invalid(`${name}: coordinate is not below the field modulus`)
    return v
  }
  const readCoord = (bytes: Uint8Array, at: number, mask: number): unknown => {
    if (degree === 1) return readFp(bytes, at, mask)
    const c1 = readFp(bytes, at, mask)
    const c0 = readFp(bytes, at + fpBytes, 0xff)
    return opts.Fp2.create({ c0, c1 })
  }
  const writeCoord = (v: unknown): Uint8Array => degree === 1
    ? beBytes(v as bigint, fpBytes)
    : concat(beBytes((v as Fp2Like).c1, fpBytes), beBytes((v as Fp2Like).c0, fpBytes))

  /** The affine coordinates, or undefined for infinity; checks length, flags and field ranges. */
  function parse(h: Invocation, bytes: Uint8Array): { x: unknown, y: unknown } | undefined {
    if (bytes.length !== size) throw invalid(`${name}: ${bytes.length} bytes, expected ${size}`)
    charge(h, costs.decodeFp, 0, 2 * degree)
    if (opts.flags === 'bls') {
      const flags = bytes[0] & 0xe0
      if (flags === 0x40) {
        if (bytes[0] !== 0x40 || bytes.subarray(1).some((x) => x !== 0)) throw invalid(`${name}: infinity flag set while the other bits are not all zero`)
        return undefined
      }
      if (flags !== 0) throw invalid(`${name}: compression or sort flag set; the input must be uncompressed`)
      return { x: readCoord(bytes, 0, 0x1f), y: readCoord(bytes, degree * fpBytes, 0xff) }
    }
    if ((bytes[0] & 0xc0) !== 0) throw invalid(`${name}: flag bits of the first byte must be unset`)
    if (bytes.every((x) => x === 0)) return undefined
    return { x: readCoord(bytes, 0, 0xff), y: readCoord(bytes, degree * fpBytes, 0xff) }
  }

  const isOnCurve = (x: unknown, y: unknown): boolean => F.eql(F.sqr(y), F.add(F.mul(F.sqr(x), x), opts.b))

  return {
    name, size, order: opts.order, costs,
    decode(h, bytes, subgroup) {
      const xy = parse(h, bytes)
      if (xy === undefined) return Point.ZERO as AnyPoint
      charge(h, costs.onCurve)
      if (!isOnCurve(xy.x, xy.y)) throw invalid(`${name}: point not on curve`)
      const pt = Point.fromAffine(xy) as AnyPoint
      if (subgroup) {
        charge(h, costs.subgroup)
        if (!pt.isTorsionFree()) throw invalid(`${name}: point not in the correct subgroup`)
      }
      return pt
    },
    onCurve(h, bytes) {
      const xy = parse(h, bytes)
      charge(h, costs.onCurve)
      return xy === undefined || isOnCurve(xy.x, xy.y)
    },
    encode(h, pt) {
      charge(h, costs.toAffine)
      charge(h, costs.encodeFp, 0, 2 * degree)
      if (pt.is0()) {
        const out = new Uint8Array(size)
        if (opts.flags === 'bls') out[0] = 0x40
        return out
      }
      const { x, y } = pt.toAffine()
      return concat(writeCoord(x), writeCoord(y))
    },
  }
}

const blsFields = bls12_381.fields
const bnFields = bn254.fields
const BLS_P = blsFields.Fp.ORDER
const BLS_R = blsFields.Fr.ORDER
const BN_P = bnFields.Fp.ORDER
const BN_R = bnFields.Fr.ORDER

const BLS_G1 = makeGroup({ name: 'bls12-381 G1', fpBytes: 48, degree: 1, p: BLS_P, order: BLS_R, flags: 'bls', Point: bls12_381.G1.Point, Fp: blsFields.Fp, b: 4n, costs: BLS_G1_COSTS })
const BLS_G2 = makeGroup({ name: 'bls12-381 G2', fpBytes: 48, degree: 2, p: BLS_P, order: BLS_R, flags: 'bls', Point: bls12_381.G2.Point, Fp2: blsFields.Fp2, b: blsFields.Fp2.create({ c0: 4n, c1: 4n }), Fp: blsFields.Fp, costs: BLS_G2_COSTS })
const BN_G1 = makeGroup({ name: 'bn254 G1', fpBytes: 32, degree: 1, p: BN_P, order: BN_R, flags: 'bn', Point: bn254.G1.Point, Fp: bnFields.Fp, b: 3n, costs: BN_G1_COSTS })
const BN_G2 = makeGroup({ name: 'bn254 G2', fpBytes: 32, degree: 2, p: BN_P, order: BN_R, flags: 'bn', Point: bn254.G2.Point, Fp2: bnFields.Fp2, b: (bn254.G2.Point as any).CURVE().b, Fp: bnFields.Fp, costs: BN_G2_COSTS })

function zeroOf(pt: AnyPoint): AnyPoint {
  for (const P of [bls12_381.G1.Point, bls12_381.G2.Point, bn254.G1.Point, bn254.G2.Point] as any[]) if (pt instanceof P) return P.ZERO
  throw new HostError(ErrorType.Crypto, ErrorCode.InternalError, 'unknown point type')
}

function scalarMul(g: Group, pt: AnyPoint, scalar: bigint): AnyPoint {
  const s = scalar % g.order
  if (s === 0n || pt.is0()) return zeroOf(pt)
  return pt.multiply(s)
}

function add(h: Invocation, g: Group, a: Arg, b: Arg): Of<'bytes'> {
  const p = g.decode(h, bytesOf(a), false)
  const q = g.decode(h, bytesOf(b), false)
  charge(h, g.costs.add)
  return { kind: 'bytes', value: g.encode(h, p.add(q)) }
}

function mulFn(h: Invocation, g: Group, point: Arg, scalar: Arg, subgroup: boolean, frFromU256: number): Of<'bytes'> {
  const p = g.decode(h, bytesOf(point), subgroup)
  charge(h, frFromU256)
  charge(h, g.costs.mul)
  return { kind: 'bytes', value: g.encode(h, scalarMul(g, p, scalar as bigint)) }
}

function vecOf(_h: Invocation, v: Arg): readonly bigint[] {
  return (v as Of<'vec'>).value
}

function msm(h: Invocation, g: Group, vp: Arg, vs: Arg, subgroup: boolean, frFromU256: number): Of<'bytes'> {
  const points = vecOf(h, vp)
  const scalars = vecOf(h, vs)
  if (points.length !== scalars.length || points.length === 0) throw invalid(`${g.name} msm: ${points.length} points and ${scalars.length} scalars (equal, non-zero lengths needed)`)
  const decoded: AnyPoint[] = []
  for (let i = 0; i < points.length; i++) decoded.push(g.decode(h, h.store.expect(points[i], 'bytes').value, subgroup))
  charge(h, frFromU256, 0, scalars.length)
  charge(h, g.costs.msm, points.length)
  let acc: AnyPoint | undefined
  for (let i = 0; i < points.length; i++) {
    const p = decoded[i]
    const term = scalarMul(g, p, h.store.intOf('u256', scalars[i]))
    acc = acc === undefined ? term : acc.add(term)
  }
  return { kind: 'bytes', value: g.encode(h, acc as AnyPoint) }
}

function pairingCheck(h: Invocation, pairing: typeof bls12_381 | typeof bn254, g1: Group, g2: Group, vp1: Arg, vp2: Arg, pairingCost: number): boolean {
  const a = vecOf(h, vp1)
  const b = vecOf(h, vp2)
  if (a.length !== b.length || a.length === 0) throw invalid(`pairing: ${a.length} G1 and ${b.length} G2 points (equal, non-zero lengths needed)`)
  const pairs: { g1: any, g2: any }[] = []
  const decoded: [AnyPoint, AnyPoint][] = []
  for (let i = 0; i < a.length; i++) decoded.push([g1.decode(h, h.store.expect(a[i], 'bytes').value, true), g2.decode(h, h.store.expect(b[i], 'bytes').value, true)])
  charge(h, pairingCost, a.length)
  for (const [p, q] of decoded) if (!p.is0() && !q.is0()) pairs.push({ g1: p, g2: q }) // a pair with the identity contributes 1
  if (pairs.length === 0) return true
  const fp12 = pairing.fields.Fp12
  return fp12.eql(pairing.pairingBatch(pairs), fp12.ONE)
}

interface FrCosts { fromU256: number, toU256: number, addSub: number, mul: number, pow: number, inv: number }
const BLS_FR: FrCosts = {
  fromU256: CostType.Bls12381FrFromU256, toU256: CostType.Bls12381FrToU256, addSub: CostType.Bls12381FrAddSub,
  mul: CostType.Bls12381FrMul, pow: CostType.Bls12381FrPow, inv: CostType.Bls12381FrInv,
}
const BN_FR: FrCosts = {
  fromU256: CostType.Bn254FrFromU256, toU256: CostType.Bn254FrToU256, addSub: CostType.Bn254FrAddSub,
  mul: CostType.Bn254FrMul, pow: CostType.Bn254FrPow, inv: CostType.Bn254FrInv,
}

/** Bit length of a u64 (64 minus its leading zeros): FrPow's input. */
const bitLength = (e: bigint): number => (e === 0n ? 0 : e.toString(2).length)

function frOps(prefix: string, r: bigint, c: FrCosts): Record<string, HostImplementation> {
  /** A U256 argument as a scalar (FrFromU256). */
  const fr = (h: Invocation, a: Arg): bigint => { h.budget.cost(c.fromU256); return (a as bigint) % r }
  /** A scalar returned as a U256 (FrToU256). */
  const out = (h: Invocation, v: bigint): bigint => { h.budget.cost(c.toU256); return v }
  const modPow = (b: bigint, e: bigint): bigint => {
    let acc = 1n
    let x = b % r
    while (e > 0n) { if (e & 1n) acc = (acc * x) % r; x = (x * x) % r; e >>= 1n }
    return acc
  }
  return {
    [`${prefix}_fr_add`]: (h, [a, b]) => { const x = fr(h, a); const y = fr(h, b); h.budget.cost(c.addSub); return out(h, (x + y) % r) },
    [`${prefix}_fr_sub`]: (h, [a, b]) => { const x = fr(h, a); const y = fr(h, b); h.budget.cost(c.addSub); return out(h, (x - y + r) % r) },
    [`${prefix}_fr_mul`]: (h, [a, b]) => { const x = fr(h, a); const y = fr(h, b); h.budget.cost(c.mul); return out(h, (x * y) % r) },
    [`${prefix}_fr_pow`]: (h, [a, e]) => {
      const x = fr(h, a)
      h.budget.cost(c.pow, bitLength(e as bigint))
      return out(h, modPow(x, e as bigint))
    },
    [`${prefix}_fr_inv`]: (h, [a]) => {
      const x = fr(h, a)
      if (x === 0n) throw invalid('scalar inversion input is zero')
      h.budget.cost(c.inv)
      return out(h, modPow(x, r - 2n))
    },
  }
}

function hashDst(dst: Uint8Array): Uint8Array {
  if (dst.length === 0 || dst.length >= 256) throw invalid(`hash-to-curve: domain separation tag of ${dst.length} bytes (1 to 255 allowed)`)
  return dst
}

export const curves: Record<string, HostImplementation> = {
  // ---- BLS12-381 ----
  bls12_381_check_g1_is_in_subgroup: (h, [p]) => { const pt = BLS_G1.decode(h, bytesOf(p), false); charge(h, BLS_G1_COSTS.subgroup); return pt.isTorsionFree() },
  bls12_381_g1_add: (h, [a, b]) => add(h, BLS_G1, a, b),
  bls12_381_g1_mul: (h, [p, s]) => mulFn(h, BLS_G1, p, s, true, BLS_FR.fromU256),
  bls12_381_g1_msm: (h, [vp, vs]) => msm(h, BLS_G1, vp, vs, true, BLS_FR.fromU256),
  bls12_381_map_fp_to_g1: (h, [fp]) => {
    const b = bytesOf(fp)
    if (b.length !== 48) throw invalid(`bls12-381 Fp: ${b.length} bytes, expected 48`)
    const v = beInt(b)
    if (v >= BLS_P) throw invalid('bls12-381 Fp: not below the field modulus')
    charge(h, BLS_G1_COSTS.decodeFp)
    charge(h, CostType.Bls12381MapFpToG1)
    return { kind: 'bytes', value: BLS_G1.encode(h, bls12_381.G1.mapToCurve(v as unknown as bigint[]) /* noble types say bigint[]; for m = 1 it takes the bigint */ as unknown as AnyPoint) }
  },
  bls12_381_hash_to_g1: (h, [msg, dst]) => {
    const m = bytesOf(msg)
    charge(h, CostType.Bls12381HashToG1, m.length)
    return { kind: 'bytes', value: BLS_G1.encode(h, bls12_381.G1.hashToCurve(m, { DST: hashDst(bytesOf(dst)) }) as unknown as AnyPoint) }
  },
  bls12_381_check_g2_is_in_subgroup: (h, [p]) => { const pt = BLS_G2.decode(h, bytesOf(p), false); charge(h, BLS_G2_COSTS.subgroup); return pt.isTorsionFree() },
  bls12_381_g2_add: (h, [a, b]) => add(h, BLS_G2, a, b),
  bls12_381_g2_mul: (h, [p, s]) => mulFn(h, BLS_G2, p, s, true, BLS_FR.fromU256),
  bls12_381_g2_msm: (h, [vp, vs]) => msm(h, BLS_G2, vp, vs, true, BLS_FR.fromU256),
  bls12_381_map_fp2_to_g2: (h, [fp2]) => {
    const b = bytesOf(fp2)
    if (b.length !== 96) throw invalid(`bls12-381 Fp2: ${b.length} bytes, expected 96`)
    const c1 = beInt(b.subarray(0, 48))
    const c0 = beInt(b.subarray(48))
    if (c0 >= BLS_P || c1 >= BLS_P) throw invalid('bls12-381 Fp2: component not below the field modulus')
    charge(h, BLS_G2_COSTS.decodeFp, 0, 2)
    charge(h, CostType.Bls12381MapFp2ToG2)
    return { kind: 'bytes', value: BLS_G2.encode(h, bls12_381.G2.mapToCurve([c0, c1]) as unknown as AnyPoint) }
  },
  bls12_381_hash_to_g2: (h, [msg, dst]) => {
    const m = bytesOf(msg)
    charge(h, CostType.Bls12381HashToG2, m.length)
    return { kind: 'bytes', value: BLS_G2.encode(h, bls12_381.G2.hashToCurve(m, { DST: hashDst(bytesOf(dst)) }) as unknown as AnyPoint) }
  },
  bls12_381_multi_pairing_check: (h, [a, b]) => pairingCheck(h, bls12_381, BLS_G1, BLS_G2, a, b, CostType.Bls12381Pairing),
  ...frOps('bls12_381', BLS_R, BLS_FR),
  bls12_381_g1_is_on_curve: (h, [p]) => BLS_G1.onCurve(h, bytesOf(p)),
  bls12_381_g2_is_on_curve: (h, [p]) => BLS_G2.onCurve(h, bytesOf(p)),
  // ---- BN254 ----
  bn254_g1_add: (h, [a, b]) => add(h, BN_G1, a, b),
  bn254_g1_mul: (h, [p, s]) => mulFn(h, BN_G1, p, s, false, BN_FR.fromU256),
  bn254_g1_msm: (h, [vp, vs]) => msm(h, BN_G1, vp, vs, false, BN_FR.fromU256),
  bn254_multi_pairing_check: (h, [a, b]) => pairingCheck(h, bn254, BN_G1, BN_G2, a, b, CostType.Bn254Pairing),
  ...frOps('bn254', BN_R, BN_FR),
  bn254_g1_is_on_curve: (h, [p]) => BN_G1.onCurve(h, bytesOf(p)),
}
