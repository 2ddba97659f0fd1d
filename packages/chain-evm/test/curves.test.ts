import { bls12_381 } from '@noble/curves/bls12-381.js'
import { bn254 as nobleBn254 } from '@noble/curves/bn254.js'
import { secp256k1 as nobleSecp256k1 } from '@noble/curves/secp256k1.js'
import { describe, expect, it } from 'vitest'
import { BN254_P, SECP256K1_N, bls12381, bn254, secp256k1 } from '../src/curves.ts'

// The precompiles load their curves on first use; the constants they check ranges with
// before loading must be the curves' own, and the lazily loaded curve must be the very
// object an `import` gives (one module instance per process).
describe('curves loaded on first use', () => {
  it('secp256k1 n and alt_bn128 p are the library\'s', () => {
    expect(SECP256K1_N).toBe(nobleSecp256k1.Point.Fn.ORDER)
    expect(BN254_P).toBe(nobleBn254.fields.Fp.ORDER)
  })
  it('the loaded curves are the imported ones', () => {
    expect(secp256k1()).toBe(nobleSecp256k1)
    expect(bn254()).toBe(nobleBn254)
    expect(bls12381()).toBe(bls12_381)
  })
})
