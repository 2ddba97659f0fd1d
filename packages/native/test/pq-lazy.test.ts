import { falcon1024, falcon512 } from '@noble/post-quantum/falcon.js'
import { ml_dsa44, ml_dsa65, ml_dsa87 } from '@noble/post-quantum/ml-dsa.js'
import * as slh from '@noble/post-quantum/slh-dsa.js'
import { describe, expect, it } from 'vitest'
import { DILITHIUM, FALCON, SPHINCS } from '../src/index.ts'

// The schemes carry their lengths so that selecting one does not load @noble/post-quantum;
// these must be the library's own.
describe('post-quantum parameter sets', () => {
  const cases = [
    [DILITHIUM, 'ML-DSA-44', ml_dsa44], [DILITHIUM, 'ML-DSA-65', ml_dsa65], [DILITHIUM, 'ML-DSA-87', ml_dsa87],
    [FALCON, 'Falcon-512', falcon512], [FALCON, 'Falcon-1024', falcon1024],
    [SPHINCS, 'SLH-DSA-SHA2-128s', slh.slh_dsa_sha2_128s], [SPHINCS, 'SLH-DSA-SHA2-128f', slh.slh_dsa_sha2_128f],
    [SPHINCS, 'SLH-DSA-SHA2-192s', slh.slh_dsa_sha2_192s], [SPHINCS, 'SLH-DSA-SHA2-192f', slh.slh_dsa_sha2_192f],
    [SPHINCS, 'SLH-DSA-SHA2-256s', slh.slh_dsa_sha2_256s], [SPHINCS, 'SLH-DSA-SHA2-256f', slh.slh_dsa_sha2_256f],
  ] as const
  it.each(cases)('%#: %s is selected by the library\'s lengths and verifies with the library\'s verifier', (select, name, lib) => {
    const lengths = lib.lengths as { publicKey: number; signature?: number }
    const chosen = select(lengths.publicKey!, lengths.signature ?? 0)
    expect(chosen?.name).toBe(name)
    expect(chosen!.lengths.publicKey).toBe(lengths.publicKey)
    if (select !== FALCON) expect(chosen!.lengths.signature).toBe(lengths.signature)
    expect(chosen!.verifier).toBe(lib)
  })
  it('a key length of no parameter set selects nothing', () => {
    expect(DILITHIUM(1313, 2420)).toBeUndefined()
    expect(FALCON(898, 666)).toBeUndefined()
    expect(SPHINCS(32, 7857)).toBeUndefined()
  })
})
