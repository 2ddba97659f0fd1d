export { NATIVE_TABLE } from './table.ts'
export { nativeKeccak256, nativeSha256, nativeRipemd160, nativeBlake2b, tablehash } from './ops/hash.ts'
export { pqVerifyDilithium, pqVerifyFalcon, pqVerifySphincs, pqKeygen, PQ_KEYGEN_OUTPUT_BYTES, DILITHIUM, FALCON, SPHINCS } from './ops/pq.ts'
export { preloadNativeCrypto } from './preload.ts'
