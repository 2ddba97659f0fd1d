/** Synchronous signer recovery of a raw Ethereum transaction (viem's is async): secp256k1 over keccak of the unsigned serialization. */
import { secp256k1 } from '@noble/curves/secp256k1.js'
import { keccak_256 } from '@noble/hashes/sha3.js'
import type { Address } from '@zvm/primitives'
import { parseTransaction, serializeTransaction, type TransactionSerialized } from 'viem'

export function recoverSigner(rawHex: `0x${string}`): Address {
  const tx = parseTransaction(rawHex as TransactionSerialized)
  const { r, s, v, yParity, ...unsigned } = tx
  const unsignedHex = serializeTransaction(unsigned as Parameters<typeof serializeTransaction>[0])
  const digest = keccak_256(Buffer.from(unsignedHex.slice(2), 'hex'))
  const parity = yParity ?? (v === undefined ? 0 : Number(v >= 35n ? (v - 35n) % 2n : v - 27n))
  const sig = secp256k1.Signature.fromBytes(Buffer.from(`${r!.slice(2).padStart(64, '0')}${s!.slice(2).padStart(64, '0')}`, 'hex'), 'compact').addRecoveryBit(parity)
  const point = sig.recoverPublicKey(digest).toBytes(false)
  return `0x${Buffer.from(keccak_256(point.subarray(1)).subarray(12)).toString('hex')}` as Address
}
