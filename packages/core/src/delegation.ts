/**
 * EIP-7702 delegation designators: an account whose code is 0xef0100 ‖ address
 * runs the code of that address when called.
 */
import { bytesToAddress, type Address } from '@zvm/primitives'

/**
 * The delegated address if `code` is a delegation designator, else undefined.
 *
 * @example
 * ```ts
 * import { delegationTarget } from '@zvm/core'
 * delegationTarget(new Uint8Array([0xef, 0x01, 0x00, ...new Uint8Array(20)])) // '0x0000…0000'
 * ```
 */
export function delegationTarget(code: Uint8Array): Address | undefined {
  if (code.length !== 23 || code[0] !== 0xef || code[1] !== 0x01 || code[2] !== 0x00) return undefined
  return bytesToAddress(code.subarray(3))
}

/**
 * The designator code that delegates to `address`.
 *
 * @example
 * ```ts
 * import { delegationCode } from '@zvm/core'
 * delegationCode('0x00000000000000000000000000000000000000aa').length // 23
 * ```
 */
export function delegationCode(address: Address): Uint8Array {
  const out = new Uint8Array(23)
  out[0] = 0xef
  out[1] = 0x01
  for (let i = 0; i < 20; i++) out[3 + i] = parseInt(address.slice(2 + 2 * i, 4 + 2 * i), 16)
  return out
}
