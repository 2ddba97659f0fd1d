/**
 * 0x05 MODEXP (EIP-198) with EIP-2565 pricing:
 * max(200, ⌊mult_complexity · iteration_count / 3⌋). Lengths are read as
 * 256-bit values and priced before anything is allocated, so absurd lengths
 * simply run out of gas. Osaka's EIP-7823 length caps and EIP-7883 repricing
 * are not here: no fork in `forks.ts` has them yet.
 *
 * The exponent is never made a bigint: at 1/3 gas per exponent bit it can be
 * megabytes long, so it is read window by window from its bytes. Moduli below
 * 2^64 (at most 8 significant bytes) cost that 1/3 gas per bit too, so they run
 * in the WebAssembly kernel (./kernel.ts) on u64 Montgomery arithmetic; where
 * WebAssembly is unavailable, moduli below 2^32 take a path on doubles and
 * the rest bigint.
 */
import type { PurePrecompile } from '@zvm/core'
import { bigintToLongBytes, charged, longBytesToBigint, padded, toBigint } from './common.ts'
import { precompileKernel, type PrecompileKernel } from './kernel.ts'

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

/** Index of the first non-zero byte of `bytes`, or its length when all are zero. */
function firstNonZero(bytes: Uint8Array): number {
  let i = 0
  while (i < bytes.length && bytes[i] === 0) i++
  return i
}

/**
 * base^exponent mod modulus for modulus > 1 and base < modulus, exponent as
 * big-endian bytes with no leading zero. Left-to-right with 4-bit windows
 * (HAC 14.82): 4 squarings and at most one multiplication per nibble.
 */
function modPowBigint(base: bigint, exponent: Uint8Array, modulus: bigint): bigint {
  const powers: bigint[] = [1n, base]
  for (let i = 2; i < 16; i++) powers.push((powers[i - 1] * base) % modulus)
  let result = powers[exponent[0] >> 4]
  result = window(result, exponent[0] & 15)
  for (let i = 1; i < exponent.length; i++) {
    result = window(result, exponent[i] >> 4)
    result = window(result, exponent[i] & 15)
  }
  return result

  function window(r: bigint, nibble: number): bigint {
    r = (r * r) % modulus
    r = (r * r) % modulus
    r = (r * r) % modulus
    r = (r * r) % modulus
    return nibble === 0 ? r : (r * powers[nibble]) % modulus
  }
}

/**
 * x mod m for an exact double x < 2^53, with `inverse` = 1/m: the quotient
 * from a multiplication is off by at most one, and `%` on doubles is a slow
 * library call.
 */
function reduce(x: number, m: number, inverse: number): number {
  const r = x - Math.floor(x * inverse) * m
  return r < 0 ? r + m : r >= m ? r - m : r
}

/** a·b mod m for a, b < m < 2^32; above 2^26 b is split in 16-bit halves so every product stays exact (< 2^49). */
function mulModSmall(a: number, b: number, m: number, inverse: number): number {
  if (m < 0x4000000) return reduce(a * b, m, inverse)
  return reduce(reduce(a * (b >>> 16), m, inverse) * 65536 + a * (b & 0xffff), m, inverse)
}

/**
 * {@link modPowBigint} on doubles, for moduli below 2^32. Those cost 1/3 gas
 * per exponent bit, which bigint multiplications (~50 ns each) cannot keep up with.
 */
function modPowSmall(base: number, exponent: Uint8Array, modulus: number): number {
  const inverse = 1 / modulus
  const powers = [1, base]
  for (let i = 2; i < 16; i++) powers.push(mulModSmall(powers[i - 1], base, modulus, inverse))
  let result = 1
  for (let i = 0; i < exponent.length; i++) {
    for (let shift = 4; shift >= 0; shift -= 4) {
      result = mulModSmall(result, result, modulus, inverse)
      result = mulModSmall(result, result, modulus, inverse)
      result = mulModSmall(result, result, modulus, inverse)
      result = mulModSmall(result, result, modulus, inverse)
      const nibble = (exponent[i] >> shift) & 15
      if (nibble !== 0) result = mulModSmall(result, powers[nibble], modulus, inverse)
    }
  }
  return result
}

/** {@link modPowBigint} in the kernel, for 1 < modulus < 2^64; the exponent is passed in chunks. */
function modPowKernel(kernel: PrecompileKernel, base: bigint, exponent: Uint8Array, modulus: bigint): bigint {
  const view = new DataView(kernel.bytes.buffer)
  view.setBigUint64(kernel.base + 256, modulus, true)
  view.setBigUint64(kernel.base + 264, base, true)
  kernel.powStart()
  for (let at = 0; at < exponent.length; at += kernel.powChunkSize) {
    const chunk = exponent.subarray(at, at + kernel.powChunkSize)
    kernel.bytes.set(chunk, kernel.base + 512)
    kernel.powChunk(chunk.length)
  }
  kernel.powFinish()
  return view.getBigUint64(kernel.base + 272, true)
}

export const modexp: PurePrecompile = (input, gasLimit) => {
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
    const modulus = longBytesToBigint(padded(input, 96 + b + e, m))
    // x mod 1 = 0, and EIP-198 answers 0 for modulus 0: no need to read the rest.
    if (modulus <= 1n) return new Uint8Array(m)
    const exponentBytes = padded(input, 96 + b, e)
    const exponent = exponentBytes.subarray(firstNonZero(exponentBytes))
    if (exponent.length === 0) return bigintToLongBytes(1n, m) // x^0 = 1, 0^0 included
    const base = longBytesToBigint(padded(input, 96, b)) % modulus
    if (base <= 1n) return bigintToLongBytes(base, m) // 0^k = 0 and 1^k = 1 for k > 0
    const kernel = modulus < 2n ** 64n ? precompileKernel() : undefined
    const result = kernel !== undefined
      ? modPowKernel(kernel, base, exponent, modulus)
      : modulus < 2n ** 32n
      ? BigInt(modPowSmall(Number(base), exponent, Number(modulus)))
      : modPowBigint(base, exponent, modulus)
    return bigintToLongBytes(result, m)
  })
}
