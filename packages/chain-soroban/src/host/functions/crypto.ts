/** Module `c`: hashes and signature checks on @noble (BLS12-381, BN254 and Poseidon are not provided). */
import { ed25519 } from '@noble/curves/ed25519.js'
import { p256 } from '@noble/curves/nist.js'
import { secp256k1 } from '@noble/curves/secp256k1.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { keccak_256 } from '@noble/hashes/sha3.js'
import { ErrorCode, ErrorType, HostError } from '../../errors.ts'
import type { Of } from '../objects.ts'
import type { Arg, HostImplementation } from './types.ts'

const bytes = (a: Arg): Uint8Array => (a as Of<'bytes'>).value
const cryptoError = (message: string): HostError => new HostError(ErrorType.Crypto, ErrorCode.InvalidInput, message)
const sized = (a: Arg, n: number, what: string): Uint8Array => {
  const b = bytes(a)
  if (b.length !== n) throw new HostError(ErrorType.Crypto, ErrorCode.UnexpectedSize, `${what} must be ${n} bytes, got ${b.length}`)
  return b
}

export const crypto: Record<string, HostImplementation> = {
  compute_hash_sha256: (_h, [b]) => {
    return { kind: 'bytes', value: sha256(bytes(b)) }
  },
  compute_hash_keccak256: (_h, [b]) => {
    return { kind: 'bytes', value: keccak_256(bytes(b)) }
  },
  verify_sig_ed25519: (_h, [pk, msg, sig]) => {
    let ok = false
    try { ok = ed25519.verify(sized(sig, 64, 'signature'), bytes(msg), sized(pk, 32, 'public key'), { zip215: false }) } catch (e) { if (e instanceof HostError) throw e }
    if (!ok) throw cryptoError('ed25519 signature does not verify')
    return undefined
  },
  recover_key_ecdsa_secp256k1: (_h, [digest, sig, recoveryId]) => {
    const d = sized(digest, 32, 'digest')
    const s = sized(sig, 64, 'signature')
    if ((recoveryId as number) > 3) throw cryptoError(`recovery id ${String(recoveryId)}`)
    try {
      const signature = secp256k1.Signature.fromBytes(s, 'compact')
      if (signature.hasHighS()) throw cryptoError('signature s is not normalized (high s)')
      return { kind: 'bytes', value: signature.addRecoveryBit(recoveryId as number).recoverPublicKey(d).toBytes(false) }
    } catch (e) {
      if (e instanceof HostError) throw e
      throw cryptoError(`cannot recover a key: ${(e as Error).message}`)
    }
  },
  verify_sig_ecdsa_secp256r1: (_h, [pk, digest, sig]) => {
    const key = sized(pk, 65, 'public key')
    const d = sized(digest, 32, 'digest')
    const s = sized(sig, 64, 'signature')
    let ok = false
    try { ok = p256.verify(s, d, key, { prehash: false, lowS: true }) } catch { ok = false }
    if (!ok) throw cryptoError('secp256r1 signature does not verify')
    return undefined
  },
}
