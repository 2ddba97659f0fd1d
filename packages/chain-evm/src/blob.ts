/** EIP-4844 blob gas pricing. */

/**
 * fake_exponential(factor, numerator, denominator) from EIP-4844: an integer
 * approximation of factor · e^(numerator / denominator).
 *
 * @example
 * ```ts
 * import { fakeExponential } from '@zvm/chain-evm'
 * fakeExponential(1n, 0n, 3338477n) // 1n
 * ```
 */
export function fakeExponential(factor: bigint, numerator: bigint, denominator: bigint): bigint {
  let i = 1n
  let output = 0n
  let accumulator = factor * denominator
  while (accumulator > 0n) {
    output += accumulator
    accumulator = (accumulator * numerator) / (denominator * i)
    i++
  }
  return output / denominator
}

/** The blob base fee for a block with `excessBlobGas` (MIN_BASE_FEE_PER_BLOB_GAS = 1). */
export function blobBaseFee(excessBlobGas: bigint, updateFraction: bigint): bigint {
  return fakeExponential(1n, excessBlobGas, updateFraction)
}
