/**
 * `poseidon_permutation` and `poseidon2_permutation` (CAP-75) through a
 * pass-through contract, against published vectors: the Poseidon
 * reference's test vectors (hadeshash `poseidonperm_x5_254_3`,
 * `poseidonperm_x5_255_5`) and Poseidon2's known-answer tests (HorizenLabs'
 * reference, as rs-soroban-env's tests use them: BN254 t = 3, BLS12-381
 * t = 2 and t = 3). Round constants and MDS matrices come from
 * @noble/curves' Grain LFSR generator (the construction both papers
 * specify), so the vectors check them too; noble's own Poseidon permutation
 * is a second reference, and Poseidon2's matrices for t = 4 and 8 are
 * checked against their dense form (the paper's M4 and circ(2·M4, M4)).
 */
import { grainGenConstants, poseidon } from '@noble/curves/abstract/poseidon.js'
import { bls12_381 } from '@noble/curves/bls12-381.js'
import { bn254 } from '@noble/curves/bn254.js'
import { nativeToScVal, scValToNative, xdr } from '@stellar/stellar-base'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { SorobanHost, type InvokeResult } from '../src/index.ts'
import { hostImports, watContract } from './build.ts'

const BN = bn254.fields.Fr
const BLS = bls12_381.fields.Fr

/** `p(...)` and `p2(...)`: the two host functions with the contract's arguments passed through. */
const contract = (protocol = 25): Uint8Array => {
  const params = Array.from({ length: 8 }, () => 'i64').join(' ')
  const args = Array.from({ length: 8 }, (_, i) => `(local.get ${i})`).join(' ')
  return watContract(`(module ${hostImports('poseidon_permutation', 'poseidon2_permutation')}
    (func (export "p") (param ${params}) (result i64) (call $poseidon_permutation ${args}))
    (func (export "p2") (param ${params}) (result i64) (call $poseidon2_permutation ${args})))`, { protocol })
}

const host = new SorobanHost()
const c = host.deploy(contract()).address
const u256 = (x: bigint): xdr.ScVal => nativeToScVal(x, { type: 'u256' })
const vec = (xs: bigint[]): xdr.ScVal => xdr.ScVal.scvVec(xs.map(u256))
const mat = (m: bigint[][]): xdr.ScVal => xdr.ScVal.scvVec(m.map(vec))
const u32 = (n: number): xdr.ScVal => xdr.ScVal.scvU32(n)

interface Call { field: string, t: number, d?: number, rf: number, rp: number, matrix: xdr.ScVal, rc: xdr.ScVal, input: xdr.ScVal }
const run = (fn: 'p' | 'p2', a: Call, on: SorobanHost = host): InvokeResult =>
  on.invoke(c, fn, [a.input, xdr.ScVal.scvSymbol(a.field), u32(a.t), u32(a.d ?? 5), u32(a.rf), u32(a.rp), a.matrix, a.rc])
const out = (r: InvokeResult): bigint[] => {
  expect(r.status, r.error?.message).toBe('success')
  return (scValToNative(r.result) as bigint[])
}
const iota = (t: number): bigint[] => Array.from({ length: t }, (_, i) => BigInt(i))

/** Poseidon constants for (field, t, R_F, R_P). */
const poseidonParams = (Fp: typeof BN, t: number, rf: number, rp: number) => grainGenConstants({ Fp, t, roundsFull: rf, roundsPartial: rp, sboxPower: 5 })

/**
 * Poseidon2 round constants: the same Grain stream, laid out as Poseidon2 uses
 * it (t constants per full round, one per partial round, zero-padded rows).
 */
function poseidon2Rc(Fp: typeof BN, t: number, rf: number, rp: number): bigint[][] {
  const flat = poseidonParams(Fp, t, rf, rp).roundConstants.flat()
  const rows: bigint[][] = []
  let k = 0
  for (let r = 0; r < rf + rp; r++) {
    if (r < rf / 2 || r >= rf / 2 + rp) { rows.push(flat.slice(k, k + t)); k += t } else rows.push([flat[k++], ...Array<bigint>(t - 1).fill(0n)])
  }
  return rows
}

describe('poseidon_permutation', () => {
  it('BN254, t = 3: hadeshash poseidonperm_x5_254_3 and noble\'s permutation', () => {
    const k = poseidonParams(BN, 3, 8, 57)
    const r = out(run('p', { field: 'BN254', t: 3, rf: 8, rp: 57, matrix: mat(k.mds), rc: mat(k.roundConstants), input: vec(iota(3)) }))
    expect(r[0]).toBe(0x115cc0f5e7d690413df64c6b9662e9cf2a3617f2743245519e19607a4417189an)
    expect(r).toEqual(poseidon({ ...k, Fp: BN, t: 3, roundsFull: 8, roundsPartial: 57, sboxPower: 5 })(iota(3)))
  })

  it('BLS12-381, t = 5: hadeshash poseidonperm_x5_255_5', () => {
    const k = poseidonParams(BLS, 5, 8, 60)
    expect(out(run('p', { field: 'BLS12_381', t: 5, rf: 8, rp: 60, matrix: mat(k.mds), rc: mat(k.roundConstants), input: vec(iota(5)) }))).toEqual([
      0x2a918b9c9f9bd7bb509331c81e297b5707f6fc7393dcee1b13901a0b22202e18n,
      0x65ebf8671739eeb11fb217f2d5c5bf4a0c3f210e3f3cd3b08b5db75675d797f7n,
      0x2cc176fc26bc70737a696a9dfd1b636ce360ee76926d182390cdb7459cf585cen,
      0x4dc4e29d283afd2a491fe6aef122b9a968e74eff05341f3cc23fda1781dcb566n,
      0x03ff622da276830b9451b88b85e6184fd6ae15c8ab3ee25a5667be8592cce3b1n,
    ])
  })

  it('random inputs (reduced modulo the order) agree with noble\'s permutation', () => {
    const k = poseidonParams(BN, 3, 8, 57)
    const ref = poseidon({ ...k, Fp: BN, t: 3, roundsFull: 8, roundsPartial: 57, sboxPower: 5 })
    fc.assert(fc.property(fc.array(fc.bigInt({ min: 0n, max: (1n << 256n) - 1n }), { minLength: 3, maxLength: 3 }), (input) => {
      const r = out(run('p', { field: 'BN254', t: 3, rf: 8, rp: 57, matrix: mat(k.mds), rc: mat(k.roundConstants), input: vec(input) }))
      expect(r).toEqual(ref(input.map((x) => x % BN.ORDER)))
    }), { numRuns: 8 })
  })
})

describe('poseidon2_permutation', () => {
  it('BN254, t = 3: the reference known-answer test', () => {
    const r = out(run('p2', { field: 'BN254', t: 3, rf: 8, rp: 56, matrix: vec([1n, 1n, 2n]), rc: mat(poseidon2Rc(BN, 3, 8, 56)), input: vec(iota(3)) }))
    expect(r).toEqual([
      0x0bb61d24daca55eebcb1929a82650f328134334da98ea4f847f760054f4a3033n,
      0x303b6f7c86d043bfcbcc80214f26a30277a15d3f74ca654992defe7ff8d03570n,
      0x1ed25194542b12eef8617361c3ba7c52e660b145994427cc86296242cf766ec8n,
    ])
  })

  it('BLS12-381, t = 2 and t = 3: the reference known-answer tests', () => {
    expect(out(run('p2', { field: 'BLS12_381', t: 2, rf: 8, rp: 56, matrix: vec([1n, 2n]), rc: mat(poseidon2Rc(BLS, 2, 8, 56)), input: vec(iota(2)) }))).toEqual([
      0x73c46dd530e248a87b61d19e67fa1b4ed30fc3d09f16531fe189fb945a15ce4en,
      0x1f0e305ee21c9366d5793b80251405032a3fee32b9dd0b5f4578262891b043b4n,
    ])
    expect(out(run('p2', { field: 'BLS12_381', t: 3, rf: 8, rp: 56, matrix: vec([1n, 1n, 2n]), rc: mat(poseidon2Rc(BLS, 3, 8, 56)), input: vec(iota(3)) }))).toEqual([
      0x1b152349b1950b6a8ca75ee4407b6e26ca5cca5650534e56ef3fd45761fbf5f0n,
      0x4c5793c87d51bdc2c08a32108437dc0000bd0275868f09ebc5f36919af5b3891n,
      0x1fc8ed171e67902ca49863159fe5ba6325318843d13976143b8125f08b50dc6bn,
    ])
  })

  it('t = 4 and 8: the external matrix is M4 / circ(2·M4, M4), the internal one 1 + diag', () => {
    const M4 = [[5n, 7n, 1n, 3n], [4n, 6n, 1n, 1n], [1n, 3n, 5n, 7n], [1n, 1n, 4n, 6n]]
    const dense = (t: number): bigint[][] => Array.from({ length: t }, (_, i) => Array.from({ length: t }, (_, j) => M4[i % 4][j % 4] * (Math.floor(i / 4) === Math.floor(j / 4) ? 2n : 1n)))
    const mul = (m: bigint[][], s: bigint[]): bigint[] => m.map((row) => BN.create(row.reduce((a, x, j) => a + x * s[j], 0n)))
    const field = fc.bigInt({ min: 0n, max: BN.ORDER - 1n })
    fc.assert(fc.property(fc.constantFrom(4, 8), fc.array(field, { minLength: 8, maxLength: 8 }), fc.array(field, { minLength: 8 * 5, maxLength: 8 * 5 }), fc.array(field, { minLength: 8, maxLength: 8 }), (t, input, rcFlat, diag) => {
      // One full round, one partial, one full.
      const rc = [rcFlat.slice(0, t), rcFlat.slice(t, 2 * t), rcFlat.slice(2 * t, 3 * t)]
      const ext = t === 4 ? M4 : dense(t)
      const sbox = (x: bigint): bigint => BN.pow(x, 5n)
      let s = mul(ext, input.slice(0, t))
      s = mul(ext, s.map((x, i) => sbox(BN.add(x, rc[0][i]))))
      s = [sbox(BN.add(s[0], rc[1][0])), ...s.slice(1)]
      const sum = s.reduce((a, x) => BN.add(a, x), 0n)
      s = s.map((x, i) => BN.add(BN.mul(x, diag[i]), sum))
      s = mul(ext, s.map((x, i) => sbox(BN.add(x, rc[2][i]))))
      const r = out(run('p2', { field: 'BN254', t, rf: 2, rp: 1, matrix: vec(diag.slice(0, t)), rc: mat(rc), input: vec(input.slice(0, t)) }))
      expect(r).toEqual(s)
    }), { numRuns: 6 })
  })
})

describe('parameter checks and hostile input', () => {
  const k = poseidonParams(BN, 3, 8, 57)
  const ok: Call = { field: 'BN254', t: 3, rf: 8, rp: 57, matrix: mat(k.mds), rc: mat(k.roundConstants), input: vec(iota(3)) }
  const ok2: Call = { field: 'BN254', t: 3, rf: 8, rp: 56, matrix: vec([1n, 1n, 2n]), rc: mat(poseidon2Rc(BN, 3, 8, 56)), input: vec(iota(3)) }
  const err = (r: InvokeResult): string | undefined => r.error?.name

  it('Error(Crypto, InvalidInput) for every malformed parameter', () => {
    const bad: [string, 'p' | 'p2', Call][] = [
      ['unknown field', 'p', { ...ok, field: 'BLS12_377' }],
      ['s-box degree 3', 'p', { ...ok, d: 3 }],
      ['odd rounds_f', 'p', { ...ok, rf: 7, rp: 58 }],
      ['round constant rows ≠ rounds', 'p', { ...ok, rp: 56 }],
      ['input length ≠ t', 'p', { ...ok, input: vec(iota(4)) }],
      ['MDS not t×t', 'p', { ...ok, matrix: mat(k.mds.slice(0, 2)) }],
      ['MDS row too short', 'p', { ...ok, matrix: mat([k.mds[0], k.mds[1], k.mds[2].slice(0, 2)]) }],
      ['round constant row too short', 'p', { ...ok, rc: mat([k.roundConstants[0].slice(0, 2), ...k.roundConstants.slice(1)]) }],
      ['element not a U256', 'p', { ...ok, input: xdr.ScVal.scvVec([u32(1), u32(2), u32(3)]) }],
      ['row not a vector', 'p', { ...ok, matrix: xdr.ScVal.scvVec([u256(1n), u256(2n), u256(3n)]) }],
      ['Poseidon2: diagonal length ≠ t', 'p2', { ...ok2, matrix: vec([1n, 1n]) }],
      ['Poseidon2: unsupported t', 'p2', { ...ok2, t: 5, input: vec(iota(5)), matrix: vec(iota(5)) }],
      ['Poseidon2: full-round row too short', 'p2', { ...ok2, rc: mat([[1n], ...poseidon2Rc(BN, 3, 8, 56).slice(1)]) }],
      ['Poseidon2: odd rounds_f', 'p2', { ...ok2, rf: 7, rp: 57 }],
    ]
    for (const [what, fn, call] of bad) expect(err(run(fn, call)), what).toBe('Error(Crypto, InvalidInput)')
  })

  it('an empty constant row in a Poseidon2 partial round is Error(Object, IndexBounds)', () => {
    const rc = poseidon2Rc(BN, 3, 8, 56)
    rc[10] = []
    expect(err(run('p2', { ...ok2, rc: mat(rc) }))).toBe('Error(Object, IndexBounds)')
  })

  it('charged per field operation: a small budget is Error(Budget, ExceededLimit)', () => {
    const full = run('p', ok)
    expect(full.status).toBe('success')
    const small = new SorobanHost({ ledger: host.ledger, cpuLimit: Math.floor(full.cpuInsns * 0.7) })
    expect(err(run('p', ok, small))).toBe('Error(Budget, ExceededLimit)')
  })

  it('not before protocol 25 (the imports do not exist there)', () => {
    expect(() => new SorobanHost({ protocol: 24 }).validate(contract(20))).toThrow(/unknown host function c.p/)
    expect(() => new SorobanHost({ protocol: 25 }).validate(contract(20))).not.toThrow()
  })
})
