/**
 * The PRNG system contract at 0x169 (spec §2): getPseudorandomSeed()
 * returns bytes32. On the network it is derived from the running hash of
 * record n−3, as PREVRANDAO is; here it is the block's PREVRANDAO word
 * itself (`context.block.prevRandao`), so a contract reading both sees the
 * same 32 bytes and a replay with the same block gives the same seed. Gas:
 * the HTS view price (2607). Other input, value or DELEGATECALL reverts
 * with `Error("NOT_SUPPORTED")` at that price; too little gas fails the call.
 */
import type { Precompile } from '@zvm/core'
import type { Address } from '@zvm/primitives'
import { ResponseCode as RC } from '../response-codes.ts'
import { failed, returned, reverted } from './common.ts'
import { HTS_PRICES, htsGasForPrice } from './pricing.ts'

/** The PRNG system contract's address. */
export const PRNG_ADDRESS: Address = '0x0000000000000000000000000000000000000169'
/** getPseudorandomSeed() */
const SELECTOR = [0xd8, 0x3b, 0xf9, 0xa1]
const GAS = htsGasForPrice(HTS_PRICES.view)

/**
 * The 0x169 precompile.
 *
 * @example
 * ```ts
 * import { createPrngPrecompile, PRNG_ADDRESS } from '@zvm/chain-hedera'
 * const precompiles = new Map([[PRNG_ADDRESS, createPrngPrecompile()]])
 * ```
 */
export function createPrngPrecompile(): Precompile {
  return (input, gasLimit, context) => {
    if (GAS > gasLimit) return failed(gasLimit, RC.INSUFFICIENT_GAS)
    if (context.scheme === 1 || context.scheme === 2 || context.value !== 0n) return reverted(GAS, RC.NOT_SUPPORTED)
    if (input.length !== 4 || SELECTOR.some((b, i) => input[i] !== b)) return reverted(GAS, RC.NOT_SUPPORTED)
    const seed = new Uint8Array(32)
    let v = context.block.prevRandao & ((1n << 256n) - 1n)
    for (let i = 31; i >= 0; i--, v >>= 8n) seed[i] = Number(v & 0xffn)
    return returned(GAS, seed)
  }
}
