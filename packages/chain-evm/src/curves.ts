/**
 * @noble/curves' secp256k1, bn254 and BLS12-381, loaded on first use.
 *
 * Evaluating the three curve modules (field tables, generator points) was
 * ~40 ms of every cold import of @zvm/chain-evm, for precompiles and 7702
 * signatures most programs never reach; see @zvm/primitives' lazyModule.
 * Outside Node.js, `await preloadCurves()` before running code that needs them.
 */
import { lazyModule } from '@zvm/primitives'

type Secp256k1Module = typeof import('@noble/curves/secp256k1.js')
type Bn254Module = typeof import('@noble/curves/bn254.js')
type Bls12381Module = typeof import('@noble/curves/bls12-381.js')
export type Secp256k1 = Secp256k1Module['secp256k1']
export type Bn254 = Bn254Module['bn254']
export type Bls12381 = Bls12381Module['bls12_381']

const secpModule = lazyModule<Secp256k1Module>(import.meta.url, '@noble/curves/secp256k1.js', () => import('@noble/curves/secp256k1.js'))
const bnModule = lazyModule<Bn254Module>(import.meta.url, '@noble/curves/bn254.js', () => import('@noble/curves/bn254.js'))
const blsModule = lazyModule<Bls12381Module>(import.meta.url, '@noble/curves/bls12-381.js', () => import('@noble/curves/bls12-381.js'))

export const secp256k1 = (): Secp256k1 => secpModule.get().secp256k1
export const bn254 = (): Bn254 => bnModule.get().bn254
export const bls12381 = (): Bls12381 => blsModule.get().bls12_381

/** Loads the curves with `import()`: needed once before EVM execution in runtimes other than Node.js. */
export async function preloadCurves(): Promise<void> {
  await Promise.all([secpModule.preload(), bnModule.preload(), blsModule.preload()])
}

/** secp256k1's group order n (SEC 2), so range checks need not load the curve. */
export const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n
/** alt_bn128's base field modulus p (EIP-196). */
export const BN254_P = 0x30644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd47n
