/**
 * The exchange-rate system contract at 0x168 (spec §2):
 * tinycentsToTinybars(uint256) and tinybarsToTinycents(uint256), both
 * returning uint256, at a fixed rate (default 1 HBAR = 12 US cents, so
 * 1 tinybar = 12 tinycents), rounding down. A result above 2^256 − 1, a
 * short or unknown input, value sent, or DELEGATECALL reverts with
 * `Error("<response code name>")` and costs the 100 gas; too little gas fails
 * the call and consumes its gas. Gas: 100
 * per call (the HTS minimum; a conversion reads no state).
 */
import type { Precompile } from '@zvm/core'
import type { Address } from '@zvm/primitives'
import { decodeFunctionData, encodeAbiParameters, toHex } from 'viem'
import { ResponseCode as RC } from '../response-codes.ts'
import { failed, isCanonicalCall, returned, reverted } from './common.ts'
import { EXCHANGE_RATE_ABI } from './hts-abi.ts'
import { DEFAULT_EXCHANGE_RATE, HTS_MIN_GAS, tinybarsToTinycents, tinycentsToTinybars, type ExchangeRate } from './pricing.ts'

/** The exchange-rate system contract's address. */
export const EXCHANGE_RATE_ADDRESS: Address = '0x0000000000000000000000000000000000000168'

const MAX_UINT256 = (1n << 256n) - 1n

/**
 * The 0x168 precompile at `rate`.
 *
 * @example
 * ```ts
 * import { createExchangeRatePrecompile } from '@zvm/chain-hedera'
 * const rate = createExchangeRatePrecompile({ hbarEquiv: 1n, centEquiv: 12n })
 * ```
 */
export function createExchangeRatePrecompile(rate: ExchangeRate = DEFAULT_EXCHANGE_RATE): Precompile {
  return (input, gasLimit, context) => {
    if (HTS_MIN_GAS > gasLimit) return failed(gasLimit, RC.INSUFFICIENT_GAS)
    if (context.scheme === 1 || context.scheme === 2 || context.value !== 0n) return reverted(HTS_MIN_GAS, RC.NOT_SUPPORTED)
    let call
    try {
      call = decodeFunctionData({ abi: EXCHANGE_RATE_ABI, data: toHex(input) })
      if (!isCanonicalCall(EXCHANGE_RATE_ABI, call.functionName, call.args, input)) throw new Error('not canonical')
    } catch {
      return reverted(HTS_MIN_GAS, RC.ERROR_DECODING_BYTESTRING)
    }
    const amount = call.args[0]
    const result = call.functionName === 'tinycentsToTinybars' ? tinycentsToTinybars(amount, rate) : tinybarsToTinycents(amount, rate)
    if (result > MAX_UINT256) return reverted(HTS_MIN_GAS, RC.INVALID_TRANSACTION_BODY)
    return returned(HTS_MIN_GAS, Uint8Array.from(Buffer.from(encodeAbiParameters([{ type: 'uint256' }], [result]).slice(2), 'hex')))
  }
}
