/**
 * EIP-7702 authorizations: each lets an account (the authority, recovered
 * from its signature) point its code at a delegate with 0xef0100 ‖ address.
 * Invalid authorizations are skipped, never fatal to the transaction.
 */
import { keccak_256 } from '@noble/hashes/sha3.js'
import { delegationCode, delegationTarget } from '@zvm/core'
import { addressToBytes, bigintToBytes, bytesToAddress, type Address } from '@zvm/primitives'
import type { JournaledState } from '@zvm/state'
import { rlpEncode } from './rlp.ts'
import { PER_AUTH_BASE_COST, PER_EMPTY_ACCOUNT_COST } from './gas.ts'
import { SECP256K1_N, secp256k1 } from './curves.ts'

/** One signed authorization tuple. */
export interface Authorization {
  chainId: bigint
  address: Address
  nonce: bigint
  yParity: number
  r: bigint
  s: bigint
}

const MAGIC = 0x05
const HALF_N = SECP256K1_N / 2n
const MAX_NONCE = (1n << 64n) - 1n
const ZERO: Address = '0x0000000000000000000000000000000000000000'

/** The hash an authority signs: keccak256(0x05 ‖ rlp([chainId, address, nonce])). */
export function authorizationHash(a: Pick<Authorization, 'chainId' | 'address' | 'nonce'>): Uint8Array {
  const body = rlpEncode([a.chainId, addressToBytes(a.address), a.nonce])
  return keccak_256(new Uint8Array([MAGIC, ...body]))
}

/**
 * The authority that signed `a`, or undefined for a malformed signature
 * (high s, bad y-parity, unrecoverable).
 *
 * @example
 * ```ts
 * import { recoverAuthority } from '@zvm/chain-evm'
 * recoverAuthority({ chainId: 1n, address: '0x00000000000000000000000000000000000000aa', nonce: 0n, yParity: 2, r: 1n, s: 1n }) // undefined
 * ```
 */
export function recoverAuthority(a: Authorization): Address | undefined {
  if (a.yParity !== 0 && a.yParity !== 1) return undefined
  if (a.s === 0n || a.s > HALF_N || a.r === 0n || a.r >= SECP256K1_N) return undefined
  try {
    const sig = new Uint8Array(65)
    sig[0] = a.yParity
    sig.set(bigintToBytes(a.r, 32), 1)
    sig.set(bigintToBytes(a.s, 32), 33)
    const publicKey = secp256k1().Signature.fromBytes(sig, 'recovered').recoverPublicKey(authorizationHash(a)).toBytes(false)
    return bytesToAddress(keccak_256(publicKey.subarray(1)).subarray(12))
  } catch {
    return undefined
  }
}

/**
 * Applies the authorization list to `state` (EIP-7702 steps 1–9) and returns
 * the refund earned by authorities that already existed (12500 each).
 */
export function applyAuthorizations(state: JournaledState, list: readonly Authorization[], chainId: bigint): number {
  let refund = 0
  for (const a of list) {
    if (a.chainId !== 0n && a.chainId !== chainId) continue
    if (a.nonce >= MAX_NONCE) continue
    const authority = recoverAuthority(a)
    if (authority === undefined) continue
    state.warmAddress(authority)
    const code = state.getCode(authority)
    if (code.length !== 0 && delegationTarget(code) === undefined) continue
    if (state.getNonce(authority) !== a.nonce) continue
    if (state.exists(authority)) refund += PER_EMPTY_ACCOUNT_COST - PER_AUTH_BASE_COST
    state.setCode(authority, a.address === ZERO ? new Uint8Array(0) : delegationCode(a.address))
    state.setNonce(authority, a.nonce + 1n)
  }
  return refund
}

/** Signs an authorization (for tests and tools). */
export function signAuthorization(secretKey: Uint8Array, a: Pick<Authorization, 'chainId' | 'address' | 'nonce'>): Authorization {
  const sig = secp256k1().sign(authorizationHash(a), secretKey, { prehash: false, format: 'recovered' })
  const toBig = (b: Uint8Array): bigint => BigInt(`0x${Buffer.from(b).toString('hex')}`)
  return { ...a, yParity: sig[0], r: toBig(sig.subarray(1, 33)), s: toBig(sig.subarray(33, 65)) }
}
