/**
 * Contract addresses: CREATE (keccak256(rlp([sender, nonce]))[12:], Yellow
 * Paper §7) and CREATE2 (EIP-1014: keccak256(0xff ‖ sender ‖ salt ‖
 * keccak256(initCode)))[12:]).
 */
import { keccak256 } from './keccak.ts'
import { addressToBytes, bigintToBytes, bytesToAddress, type Address } from '@zvm/primitives'

function minimalBytes(value: bigint): Uint8Array {
  if (value === 0n) return new Uint8Array(0)
  return bigintToBytes(value, Math.ceil(value.toString(16).length / 2))
}

/**
 * The address a CREATE from `sender` with account nonce `nonce` deploys to.
 *
 * @example
 * ```ts
 * import { createAddress } from '@zvm/state'
 * createAddress('0x6ac7ea33f8831ea9dcc53393aaa88b25a785dbf0', 0n) // '0xcd234a471b72ba2f1ccf0a70fcaba648a5eecd8d'
 * ```
 */
export function createAddress(sender: Address, nonce: bigint): Address {
  const nonceBytes = minimalBytes(nonce)
  // RLP: a 20-byte string (0x94 ‖ sender), then the nonce as a string.
  const nonceItem = nonceBytes.length === 1 && nonceBytes[0] < 0x80 ? nonceBytes : new Uint8Array([0x80 + nonceBytes.length, ...nonceBytes])
  const payload = new Uint8Array([0x94, ...addressToBytes(sender), ...nonceItem])
  const encoded = new Uint8Array([0xc0 + payload.length, ...payload])
  return bytesToAddress(keccak256(encoded).subarray(12))
}

/**
 * The address a CREATE2 from `sender` with `salt` and `initCode` deploys to.
 *
 * @example
 * ```ts
 * import { create2Address } from '@zvm/state'
 * create2Address('0x0000000000000000000000000000000000000000', 0n, new Uint8Array([0]))
 * // '0x4d1a2e2bb4f88f0250f26ffff098b0b30b26bf38'
 * ```
 */
export function create2Address(sender: Address, salt: bigint | Uint8Array, initCode: Uint8Array): Address {
  const saltBytes = typeof salt === 'bigint' ? bigintToBytes(salt, 32) : salt
  const input = new Uint8Array(85)
  input[0] = 0xff
  input.set(addressToBytes(sender), 1)
  input.set(saltBytes.subarray(0, 32), 21)
  input.set(keccak256(initCode), 53)
  return bytesToAddress(keccak256(input).subarray(12))
}
