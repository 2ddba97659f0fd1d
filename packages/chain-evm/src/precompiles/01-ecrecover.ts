/**
 * 0x01 ECRECOVER (Yellow Paper appendix E): hash, v, r, s → the signer's
 * address left-padded to 32 bytes, or empty output for an invalid signature.
 * Costs 3000. Recovery uses @noble/curves secp256k1.
 */
import { keccak_256 } from '@noble/hashes/sha3.js'
import type { PurePrecompile } from '@zvm/core'
import { SECP256K1_N as N, secp256k1 } from '../curves.ts'
import { charged, padded, toBigint } from './common.ts'

export const ecrecover: PurePrecompile = (input, gasLimit) =>
  charged(3000, gasLimit, () => {
    const data = padded(input, 0, 128)
    const v = toBigint(data.subarray(32, 64))
    const r = toBigint(data.subarray(64, 96))
    const s = toBigint(data.subarray(96, 128))
    if ((v !== 27n && v !== 28n) || r === 0n || s === 0n || r >= N || s >= N) return new Uint8Array(0)
    try {
      const sig = new Uint8Array(65)
      sig[0] = Number(v - 27n)
      sig.set(data.subarray(64, 128), 1)
      const publicKey = secp256k1().Signature.fromBytes(sig, 'recovered').recoverPublicKey(data.subarray(0, 32)).toBytes(false)
      const out = new Uint8Array(32)
      out.set(keccak_256(publicKey.subarray(1)).subarray(12), 12)
      return out
    } catch {
      return new Uint8Array(0)
    }
  })
