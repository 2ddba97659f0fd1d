/**
 * 0x05 MODEXP (EIP-198) with EIP-2565 pricing:
 * max(200, ⌊mult_complexity · iteration_count / 3⌋). Lengths are read as
 * 256-bit values and priced before anything is allocated, so absurd lengths
 * simply run out of gas.
 */
import type { Precompile } from '@zvm/core'
import { charged, padded, toBigint, toBytes } from './common.ts'

function bitLength(v: bigint): number {
  return v === 0n ? 0 : v.toString(2).length
}

/** EIP-2565 gas for the given lengths and the first 32 exponent bytes. */
export function modexpGas(baseLength: bigint, expLength: bigint, modLength: bigint, expHead: bigint): bigint {
  const maxLength = baseLength > modLength ? baseLength : modLength
  const words = (maxLength + 7n) / 8n
  const multiplicationComplexity = words * words
  let iterations: bigint
  if (expLength <= 32n) iterations = expHead === 0n ? 0n : BigInt(bitLength(expHead) - 1)
  else iterations = 8n * (expLength - 32n) + (expHead === 0n ? 0n : BigInt(bitLength(expHead) - 1))
  if (iterations < 1n) iterations = 1n
  const gas = (multiplicationComplexity * iterations) / 3n
  return gas < 200n ? 200n : gas
}

export const modexp: Precompile = (input, gasLimit) => {
  const baseLength = toBigint(padded(input, 0, 32))
  const expLength = toBigint(padded(input, 32, 32))
  const modLength = toBigint(padded(input, 64, 32))
  // Only the first 32 bytes of the exponent affect the price.
  const expHeadLength = expLength < 32n ? Number(expLength) : 32
  const expHead = baseLength > 2n ** 32n ? 0n : toBigint(padded(input, 96 + Number(baseLength), expHeadLength))
  const gas = modexpGas(baseLength, expLength, modLength, expHead)
  return charged(gas, gasLimit, () => {
    if (modLength === 0n) return new Uint8Array(0)
    const b = Number(baseLength), e = Number(expLength), m = Number(modLength)
    const base = toBigint(padded(input, 96, b))
    const exponent = toBigint(padded(input, 96 + b, e))
    const modulus = toBigint(padded(input, 96 + b + e, m))
    if (modulus === 0n) return new Uint8Array(m)
    let result = 1n % modulus
    let x = base % modulus
    let k = exponent
    while (k > 0n) {
      if (k & 1n) result = (result * x) % modulus
      x = (x * x) % modulus
      k >>= 1n
    }
    return toBytes(result, m)
  })
}
