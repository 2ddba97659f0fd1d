/**
 * Keys and signatures of the consensus API (HAPI). A transaction's sigMap
 * holds (public key prefix, signature) pairs over its bodyBytes: ED25519
 * signs the bytes themselves, ECDSA secp256k1 signs keccak256 of them
 * (64-byte r ‖ s), as the SDK does. Every pair is checked; the transaction
 * then satisfies a key when a verified pair's public key is that key.
 *
 * Omitted: threshold keys other than "all of one key", key lists of more
 * than one key (the ledger keeps one key per entity), RSA/ECDSA-384.
 */
import { proto } from '@hashgraph/proto'
import { ed25519 } from '@noble/curves/ed25519.js'
import { secp256k1 } from '@noble/curves/secp256k1.js'
import { keccak_256 } from '@noble/hashes/sha3.js'
import { addressToEntityId, entityIdToAddress, type LedgerKey } from '@zvm/chain-hedera'
import { toContractID } from './ids.ts'
import { bytesToHex } from './bytes.ts'

/** Public keys whose signatures over a body verified, as `ed25519:<hex>` / `ecdsa:<hex>` (compressed). */
export type Signers = ReadonlySet<string>

/** The signers of `bodyBytes` in `sigMap`; undefined when any pair's signature does not verify. */
export function verifySignatures(bodyBytes: Uint8Array, sigMap: proto.ISignatureMap | null | undefined): Set<string> | undefined {
  const signers = new Set<string>()
  let digest: Uint8Array | undefined
  for (const pair of sigMap?.sigPair ?? []) {
    const prefix = pair.pubKeyPrefix ?? new Uint8Array()
    try {
      if (pair.ed25519 && pair.ed25519.length > 0) {
        if (prefix.length !== 32 || !ed25519.verify(pair.ed25519, bodyBytes, prefix)) return undefined
        signers.add(`ed25519:${bytesToHex(prefix)}`)
      } else if (pair.ECDSASecp256k1 && pair.ECDSASecp256k1.length > 0) {
        digest ??= keccak_256(bodyBytes)
        const point = secp256k1.Point.fromBytes(prefix)
        // The SDK signs with low-s; accept either, as the network does.
        if (!secp256k1.verify(pair.ECDSASecp256k1, digest, prefix, { prehash: false, lowS: false })) return undefined
        signers.add(`ecdsa:${bytesToHex(point.toBytes(true))}`)
      } else {
        return undefined // RSA, ECDSA-384 and contract signatures: not supported here
      }
    } catch {
      return undefined
    }
  }
  return signers
}

/** The signer name of a ledger key (`ed25519:…`, `ecdsa:…` compressed), or undefined for an entity key. */
export function signerOf(key: LedgerKey): string | undefined {
  if (key.kind === 'ed25519') return `ed25519:${bytesToHex(key.bytes)}`
  if (key.kind === 'ecdsa') {
    try { return `ecdsa:${bytesToHex(secp256k1.Point.fromBytes(key.bytes).toBytes(true))}` } catch { return undefined }
  }
  return undefined
}

/** True when the signers satisfy `key` (an entity key is satisfied by nobody at the HAPI level). */
export function isSignedBy(key: LedgerKey | undefined, signers: Signers): boolean {
  if (key === undefined) return false
  const name = signerOf(key)
  return name !== undefined && signers.has(name)
}

/** A protobuf Key as a ledger key; undefined when it has none of the supported forms. */
export function keyFromProto(key: proto.IKey | null | undefined): LedgerKey | undefined {
  if (!key) return undefined
  if (key.ed25519 && key.ed25519.length === 32) return { kind: 'ed25519', bytes: Uint8Array.from(key.ed25519) }
  if (key.ECDSASecp256k1 && key.ECDSASecp256k1.length > 0) return { kind: 'ecdsa', bytes: Uint8Array.from(key.ECDSASecp256k1) }
  if (key.contractID) return { kind: 'entity', address: entityIdToAddress(`${key.contractID.shardNum ?? 0}.${key.contractID.realmNum ?? 0}.${key.contractID.contractNum ?? 0}`) }
  // A key list or 1-of-n threshold holding one key is that key (ContractCreateFlow and the SDK's defaults do this).
  const list = key.keyList?.keys ?? key.thresholdKey?.keys?.keys
  if (list && list.length === 1) return keyFromProto(list[0])
  return undefined
}

/** True when the protobuf key is present but unusable (so the transaction fails with BAD_ENCODING / INVALID_ADMIN_KEY). */
export function isUnsupportedKey(key: proto.IKey | null | undefined): boolean {
  return key != null && keyFromProto(key) === undefined
}

/** A ledger key as a protobuf Key. */
export function keyToProto(key: LedgerKey | undefined): proto.IKey | null {
  if (key === undefined) return null
  if (key.kind === 'ed25519') return { ed25519: key.bytes }
  if (key.kind === 'ecdsa') return { ECDSASecp256k1: key.bytes }
  return { contractID: toContractID(addressToEntityId(key.address)) }
}
