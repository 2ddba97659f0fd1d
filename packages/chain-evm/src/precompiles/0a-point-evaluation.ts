/**
 * 0x0A POINT_EVALUATION (EIP-4844): 50000 gas; input versioned hash (32),
 * z (32), y (32), commitment (48), proof (48). The versioned hash must be
 * 0x01 ‖ sha256(commitment)[1:], z and y below the BLS modulus, and the KZG
 * proof valid: e(proof, [τ − z]₂) = e(commitment − [y]₁, [1]₂).
 *
 * Verifying needs [τ]₂ from the KZG ceremony's trusted setup, which no
 * package here ships yet; until it does, a well-formed input fails as
 * unverifiable (all gas consumed), and the omission is stated, not hidden.
 */
import { sha256 } from '@noble/hashes/sha2.js'
import type { Precompile } from '@zvm/core'
import { toBigint } from './common.ts'

const BLS_MODULUS = 0x73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001n

export const pointEvaluation: Precompile = (input, gasLimit) => {
  if (gasLimit < 50000) return { ok: false, gasUsed: gasLimit, reason: 'out of gas' }
  if (input.length !== 192) return { ok: false, gasUsed: gasLimit, reason: `input must be 192 bytes, got ${input.length}` }
  const commitmentHash = sha256(input.subarray(96, 144))
  if (input[0] !== 0x01 || commitmentHash.subarray(1).some((b, i) => b !== input[1 + i])) {
    return { ok: false, gasUsed: gasLimit, reason: 'versioned hash does not match the commitment' }
  }
  if (toBigint(input.subarray(32, 64)) >= BLS_MODULUS || toBigint(input.subarray(64, 96)) >= BLS_MODULUS) {
    return { ok: false, gasUsed: gasLimit, reason: 'z or y is not a field element' }
  }
  return { ok: false, gasUsed: gasLimit, reason: 'KZG verification needs the trusted setup, which is not bundled' }
}
