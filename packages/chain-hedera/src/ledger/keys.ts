/**
 * Keys and the authorization model of this ledger.
 *
 * A key is an account or contract (by EVM address), or raw key bytes
 * (ECDSA secp256k1, compressed or not, or ED25519). "The key signed" means
 * the host's `signedBy(key)` said so (a local network that verified the
 * transaction's signatures), or: the caller *is* the key's entity
 * (its long-zero address or alias for an account, its address for a
 * contract), or, for an ECDSA key, the caller is the key's HIP-583 alias
 * (the last 20 bytes of keccak256 of the uncompressed public key). An
 * ED25519 key authorizes only through `signedBy`. See docs/hedera.md.
 */
import { keccak_256 } from '@noble/hashes/sha3.js'
import { bytesToAddress, type Address } from '@zvm/primitives'

/** A key: an entity by address, or raw key bytes. */
export type LedgerKey =
  | { readonly kind: 'entity'; readonly address: Address }
  | { readonly kind: 'ecdsa'; readonly bytes: Uint8Array }
  | { readonly kind: 'ed25519'; readonly bytes: Uint8Array }

// secp256k1: y² = x³ + 7 over p, with p ≡ 3 (mod 4) so a square root is a power.
const P = 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2fn

function modPow(base: bigint, exponent: bigint): bigint {
  let result = 1n, b = base % P, e = exponent
  while (e > 0n) {
    if (e & 1n) result = (result * b) % P
    b = (b * b) % P
    e >>= 1n
  }
  return result
}

function bytesToBigint(bytes: Uint8Array): bigint {
  let v = 0n
  for (const b of bytes) v = (v << 8n) | BigInt(b)
  return v
}

/**
 * The 64-byte uncompressed point (x ‖ y) of a secp256k1 public key given in
 * SEC1 form (33 bytes 02/03 ‖ x, or 65 bytes 04 ‖ x ‖ y); undefined when the
 * bytes are not a point on the curve.
 */
export function uncompressEcdsaKey(key: Uint8Array): Uint8Array | undefined {
  if (key.length === 65 && key[0] === 4) {
    const x = bytesToBigint(key.subarray(1, 33)), y = bytesToBigint(key.subarray(33))
    if (x >= P || y >= P || (y * y) % P !== (x * x * x + 7n) % P) return undefined
    return key.slice(1)
  }
  if (key.length !== 33 || (key[0] !== 2 && key[0] !== 3)) return undefined
  const x = bytesToBigint(key.subarray(1))
  if (x >= P) return undefined
  const rhs = (x * x * x + 7n) % P
  let y = modPow(rhs, (P + 1n) / 4n)
  if ((y * y) % P !== rhs) return undefined
  if ((y & 1n) !== BigInt(key[0] & 1)) y = P - y
  const out = new Uint8Array(64)
  out.set(key.subarray(1), 0)
  for (let i = 63, v = y; i >= 32; i--, v >>= 8n) out[i] = Number(v & 0xffn)
  return out
}

/**
 * The HIP-583 EVM alias of an ECDSA secp256k1 public key: the last 20 bytes
 * of keccak256 of the uncompressed key (without its 04 prefix); undefined
 * when the bytes are not a public key.
 *
 * @example
 * ```ts
 * import { ecdsaKeyToAlias } from '@zvm/chain-hedera'
 * ecdsaKeyToAlias(new Uint8Array(33)) // undefined: not a key
 * ```
 */
export function ecdsaKeyToAlias(publicKey: Uint8Array): Address | undefined {
  const point = uncompressEcdsaKey(publicKey)
  return point ? bytesToAddress(keccak_256(point).subarray(12)) : undefined
}

/** A valid key value: an entity address or well-formed key bytes. */
export function isValidKey(key: LedgerKey): boolean {
  if (key.kind === 'entity') return /^0x[0-9a-f]{40}$/.test(key.address)
  if (key.kind === 'ed25519') return key.bytes instanceof Uint8Array && key.bytes.length === 32
  return key.bytes instanceof Uint8Array && uncompressEcdsaKey(key.bytes) !== undefined
}

/** True when the two keys are the same value. */
export function keysEqual(a: LedgerKey | undefined, b: LedgerKey | undefined): boolean {
  if (a === undefined || b === undefined) return a === b
  if (a.kind !== b.kind) return false
  if (a.kind === 'entity') return a.address === (b as typeof a).address
  const x = a.bytes, y = (b as typeof a).bytes
  return x.length === y.length && x.every((v, i) => v === y[i])
}
