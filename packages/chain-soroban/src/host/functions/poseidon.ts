/**
 * Module `c`: `poseidon_permutation` and `poseidon2_permutation` (CAP-75,
 * protocol 25) over the scalar field of BLS12-381 or BN254, with every
 * parameter supplied by the caller, on @noble/curves' field arithmetic.
 *
 * Poseidon (ePrint 2019/458): `rounds_f / 2` full rounds, `rounds_p` partial
 * rounds, `rounds_f / 2` full rounds; each adds its row of round constants
 * (length t), applies x^d to every element (full) or the first (partial),
 * then multiplies by the t×t `mds` matrix.
 *
 * Poseidon2 (ePrint 2023/323, HorizenLabs' reference): the external matrix
 * first, then full rounds (add the round's t constants, x^d on every
 * element, external matrix), partial rounds (add the round's first constant
 * to the first element, x^d on it, internal matrix), full rounds. External
 * matrix: circ(2, 1) for t = 2, circ(2, 1, 1) for t = 3, the paper's 4×4
 * matrix M4 for t = 4, and for t = 8…24 (multiples of 4) M4 on each 4-element
 * block followed by adding the sum of the same position over all blocks.
 * Internal matrix: fixed [[2, 1], [1, 3]] / [[2, 1, 1], [1, 2, 1], [1, 1, 3]]
 * for t = 2 / 3, else `sum + diag_m_1[i] · x[i]` per element.
 *
 * Checks, as rs-soroban-env makes them: elements are U256 values (reduced
 * modulo the field order), rows are vectors; d must be 5; the matrix has t
 * rows (Poseidon) or the diagonal t entries (Poseidon2); rounds_f is even;
 * there are rounds_f + rounds_p rows of round constants; the input has t
 * elements; a full round's row has t constants. All of these are
 * `Error(Crypto, InvalidInput)`; an empty constant row in a Poseidon2
 * partial round is `Error(Object, IndexBounds)`. The field is `BLS12_381` or
 * `BN254` (anything else: `Error(Crypto, InvalidInput)`, this host's
 * choice). Poseidon2 supports t ∈ {2, 3, 4, 8, 12, 16, 20, 24}.
 *
 * Charged as the real host meters it, per field operation with the
 * existing cost types (Fr from/to U256, add, mul, pow) through the budget.
 */
import { bls12_381 } from '@noble/curves/bls12-381.js'
import { bn254 } from '@noble/curves/bn254.js'
import type { Budget } from '../../budget.ts'
import { CostType } from '../../cost/types.ts'
import { ErrorCode, ErrorType, HostError } from '../../errors.ts'
import { Tag, tagOf } from '../../val.ts'
import type { Invocation } from '../invocation.ts'
import type { Of } from '../objects.ts'
import type { HostImplementation } from './types.ts'

const invalid = (message: string): HostError => new HostError(ErrorType.Crypto, ErrorCode.InvalidInput, message)

/** The only S-box degree the host accepts (both fields need x^5). */
const SUPPORTED_DEGREES = [5]
const POSEIDON2_WIDTHS = [2, 3, 4, 8, 12, 16, 20, 24]

interface ScalarField {
  readonly Fr: { ORDER: bigint, add(a: bigint, b: bigint): bigint, mul(a: bigint, b: bigint): bigint, pow(a: bigint, e: bigint): bigint, create(a: bigint): bigint }
  readonly cost: { fromU256: number, toU256: number, addSub: number, mul: number, pow: number }
}

const FIELDS: Record<string, ScalarField> = {
  BLS12_381: {
    Fr: bls12_381.fields.Fr,
    cost: { fromU256: CostType.Bls12381FrFromU256, toU256: CostType.Bls12381FrToU256, addSub: CostType.Bls12381FrAddSub, mul: CostType.Bls12381FrMul, pow: CostType.Bls12381FrPow },
  },
  BN254: {
    Fr: bn254.fields.Fr,
    cost: { fromU256: CostType.Bn254FrFromU256, toU256: CostType.Bn254FrToU256, addSub: CostType.Bn254FrAddSub, mul: CostType.Bn254FrMul, pow: CostType.Bn254FrPow },
  },
}

/** Field arithmetic that charges each operation (n at a time) before doing it. */
export class Metered {
  readonly f: ScalarField
  readonly budget: Budget
  constructor(f: ScalarField, budget: Budget) { this.f = f; this.budget = budget }
  add(a: bigint, b: bigint): bigint { this.budget.cost(this.f.cost.addSub); return this.f.Fr.add(a, b) }
  mul(a: bigint, b: bigint): bigint { this.budget.cost(this.f.cost.mul); return this.f.Fr.mul(a, b) }
  /** x^d; the pow cost's input is the exponent's bit length. */
  pow(a: bigint, d: number): bigint { this.budget.cost(this.f.cost.pow, d.toString(2).length); return this.f.Fr.pow(a, BigInt(d)) }
  double(a: bigint): bigint { return this.add(a, a) }
}

function fieldOf(name: string): ScalarField {
  const f = FIELDS[name]
  if (f === undefined) throw invalid(`unsupported field ${name} (BLS12_381 or BN254)`)
  return f
}

/** A Vec of U256 values as field elements (reduced modulo the order). */
function scalars(h: Invocation, m: Metered, vec: readonly bigint[]): bigint[] {
  return vec.map((v) => {
    const tag = tagOf(v)
    if (tag !== Tag.U256Small && tag !== Tag.U256Object) throw invalid('element must be a U256 value')
    h.budget.cost(m.f.cost.fromU256)
    return m.f.Fr.create(h.store.intOf('u256', v))
  })
}

function matrix(h: Invocation, m: Metered, vec: readonly bigint[]): bigint[][] {
  return vec.map((row) => {
    if (tagOf(row) !== Tag.VecObject) throw invalid('row must be a vector')
    return scalars(h, m, h.store.expect(row, 'vec').value)
  })
}

function output(h: Invocation, m: Metered, state: bigint[]): Of<'vec'> {
  return { kind: 'vec', value: state.map((x) => { h.budget.cost(m.f.cost.toU256); return h.store.intVal('u256', x) }) }
}

interface Rounds { t: number, d: number, roundsF: number, roundsP: number, rc: bigint[][] }

function checkRounds(r: Rounds, what: string): void {
  if (!SUPPORTED_DEGREES.includes(r.d)) throw invalid(`${what}: unsupported s-box degree ${r.d}`)
  if (r.roundsF % 2 !== 0) throw invalid(`${what}: rounds_f must be even, got ${r.roundsF}`)
  if (r.rc.length !== r.roundsF + r.roundsP) throw invalid(`${what}: ${r.rc.length} rows of round constants for ${r.roundsF + r.roundsP} rounds`)
}

function addRc(m: Metered, state: bigint[], rc: bigint[]): bigint[] {
  if (rc.length !== state.length) throw invalid(`round constants row of ${rc.length} for a state of ${state.length}`)
  return state.map((x, i) => m.add(x, rc[i]))
}

/** The Poseidon permutation. */
export function poseidonPermutation(m: Metered, input: bigint[], r: Rounds, mds: bigint[][]): bigint[] {
  checkRounds(r, 'Poseidon')
  if (mds.length !== r.t || mds.some((row) => row.length !== r.t)) throw invalid(`Poseidon: the MDS matrix must be ${r.t}×${r.t}`)
  if (input.length !== r.t) throw invalid(`Poseidon: input of ${input.length} elements, t = ${r.t}`)
  const half = r.roundsF / 2
  const matmul = (s: bigint[]): bigint[] => mds.map((row) => row.reduce((acc, c, j) => m.add(acc, m.mul(c, s[j])), 0n))
  let state = input
  for (let round = 0; round < r.roundsF + r.roundsP; round++) {
    state = addRc(m, state, r.rc[round])
    const full = round < half || round >= half + r.roundsP
    state = full ? state.map((x) => m.pow(x, r.d)) : [m.pow(state[0], r.d), ...state.slice(1)]
    state = matmul(state)
  }
  return state
}

/** Poseidon2's external matrix, in place. */
function matmulExternal(m: Metered, s: bigint[]): void {
  const t = s.length
  if (t === 2 || t === 3) {
    const sum = s.reduce((acc, x, i) => (i === 0 ? x : m.add(acc, x)), 0n)
    for (let i = 0; i < t; i++) s[i] = m.add(s[i], sum)
    return
  }
  // M4 = [[5, 7, 1, 3], [4, 6, 1, 1], [1, 3, 5, 7], [1, 1, 4, 6]] on each block, as the paper's addition chain.
  for (let b = 0; b < t; b += 4) {
    const [x0, x1, x2, x3] = [s[b], s[b + 1], s[b + 2], s[b + 3]]
    const t0 = m.add(x0, x1)
    const t1 = m.add(x2, x3)
    const t2 = m.add(m.double(x1), t1)
    const t3 = m.add(m.double(x3), t0)
    const t4 = m.add(m.double(m.double(t1)), t3)
    const t5 = m.add(m.double(m.double(t0)), t2)
    s[b] = m.add(t3, t5)
    s[b + 1] = t5
    s[b + 2] = m.add(t2, t4)
    s[b + 3] = t4
  }
  if (t === 4) return
  const sums = [0, 1, 2, 3].map((l) => { let acc = s[l]; for (let j = 4 + l; j < t; j += 4) acc = m.add(acc, s[j]); return acc })
  for (let i = 0; i < t; i++) s[i] = m.add(s[i], sums[i % 4])
}

/** Poseidon2's internal matrix, in place. */
function matmulInternal(m: Metered, s: bigint[], diagM1: bigint[]): void {
  const t = s.length
  const sum = s.reduce((acc, x, i) => (i === 0 ? x : m.add(acc, x)), 0n)
  if (t === 2 || t === 3) {
    // diag(1, …, 1, 2) + J: the last element counts twice more.
    for (let i = 0; i < t - 1; i++) s[i] = m.add(s[i], sum)
    s[t - 1] = m.add(m.double(s[t - 1]), sum)
    return
  }
  for (let i = 0; i < t; i++) s[i] = m.add(m.mul(s[i], diagM1[i]), sum)
}

/** The Poseidon2 permutation. */
export function poseidon2Permutation(m: Metered, input: bigint[], r: Rounds, diagM1: bigint[]): bigint[] {
  if (!SUPPORTED_DEGREES.includes(r.d)) throw invalid(`Poseidon2: unsupported s-box degree ${r.d}`)
  if (diagM1.length !== r.t) throw invalid(`Poseidon2: mat_internal_diag_m_1 has ${diagM1.length} entries, t = ${r.t}`)
  checkRounds(r, 'Poseidon2')
  if (input.length !== r.t) throw invalid(`Poseidon2: input of ${input.length} elements, t = ${r.t}`)
  if (!POSEIDON2_WIDTHS.includes(r.t)) throw invalid(`Poseidon2: unsupported state size ${r.t}`)
  const half = r.roundsF / 2
  let state = [...input]
  matmulExternal(m, state)
  for (let round = 0; round < r.roundsF + r.roundsP; round++) {
    const rc = r.rc[round]
    if (round < half || round >= half + r.roundsP) {
      state = addRc(m, state, rc).map((x) => m.pow(x, r.d))
      matmulExternal(m, state)
    } else {
      if (rc.length === 0) throw new HostError(ErrorType.Object, ErrorCode.IndexBounds, 'Poseidon2: round constant row is empty')
      state[0] = m.pow(m.add(state[0], rc[0]), r.d)
      matmulInternal(m, state, diagM1)
    }
  }
  return state
}

const vecOf = (a: unknown): readonly bigint[] => (a as Of<'vec'>).value

export const poseidon: Record<string, HostImplementation> = {
  poseidon_permutation: (h, [input, field, t, d, rf, rp, mds, rc]) => {
    const m = new Metered(fieldOf(field as string), h.budget)
    const state = scalars(h, m, vecOf(input))
    const mdsM = matrix(h, m, vecOf(mds))
    const rcM = matrix(h, m, vecOf(rc))
    return output(h, m, poseidonPermutation(m, state, { t: t as number, d: d as number, roundsF: rf as number, roundsP: rp as number, rc: rcM }, mdsM))
  },
  poseidon2_permutation: (h, [input, field, t, d, rf, rp, diag, rc]) => {
    const m = new Metered(fieldOf(field as string), h.budget)
    const state = scalars(h, m, vecOf(input))
    const diagV = scalars(h, m, vecOf(diag))
    const rcM = matrix(h, m, vecOf(rc))
    return output(h, m, poseidon2Permutation(m, state, { t: t as number, d: d as number, roundsF: rf as number, roundsP: rp as number, rc: rcM }, diagV))
  },
}
