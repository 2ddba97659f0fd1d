/** Precompiled contracts per fork: Shanghai 0x01–0x09, Cancun adds 0x0a, Prague 0x0b–0x11. */
import type { Precompile } from '@zvm/core'
import { bigintToAddress, type Address } from '@zvm/primitives'
import { Fork } from '../forks.ts'
import { ecrecover } from './01-ecrecover.ts'
import { identity, ripemd160, sha256 } from './02-04-hashes.ts'
import { modexp } from './05-modexp.ts'
import { bn254Add, bn254Mul, bn254Pairing } from './06-08-bn254.ts'
import { blake2f } from './09-blake2f.ts'
import { pointEvaluation } from './0a-point-evaluation.ts'
import { blsG1Add, blsG1Msm, blsG2Add, blsG2Msm, blsMapFp2ToG2, blsMapFpToG1, blsPairing } from './0b-11-bls12-381.ts'

const CANCUN: readonly Precompile[] = [ecrecover, sha256, ripemd160, identity, modexp, bn254Add, bn254Mul, bn254Pairing, blake2f, pointEvaluation]
// EIP-2537 (Prague): 0x0b–0x11.
const PRAGUE: readonly Precompile[] = [...CANCUN, blsG1Add, blsG1Msm, blsG2Add, blsG2Msm, blsPairing, blsMapFpToG1, blsMapFp2ToG2]

const cache = new Map<Fork, ReadonlyMap<Address, Precompile>>()

/**
 * The precompiles active in `fork`, by address.
 *
 * @example
 * ```ts
 * import { precompilesFor, Fork } from '@zvm/chain-evm'
 * precompilesFor(Fork.Cancun).size // 10
 * ```
 */
export function precompilesFor(fork: Fork): ReadonlyMap<Address, Precompile> {
  let set = cache.get(fork)
  if (!set) {
    const list = fork >= Fork.Prague ? PRAGUE : fork >= Fork.Cancun ? CANCUN : CANCUN.slice(0, 9)
    set = new Map(list.map((p, i) => [bigintToAddress(BigInt(i + 1)), p]))
    cache.set(fork, set)
  }
  return set
}

export { ecrecover, sha256, ripemd160, identity, modexp, bn254Add, bn254Mul, bn254Pairing, blake2f, pointEvaluation }
export { blsG1Add, blsG1Msm, blsG2Add, blsG2Msm, blsPairing, blsMapFpToG1, blsMapFp2ToG2 }
export { modexpGas } from './05-modexp.ts'
export { blake2bCompress } from './09-blake2f.ts'
