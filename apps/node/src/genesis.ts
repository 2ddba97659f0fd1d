/**
 * The genesis accounts: the operator 0.0.2 with the well-known key of
 * Hedera's local node, the node account 0.0.3, and N ECDSA accounts with
 * keys derived from a fixed seed (so they are the same on every start).
 */
import { ed25519 } from '@noble/curves/ed25519.js'
import { secp256k1 } from '@noble/curves/secp256k1.js'
import { keccak_256 } from '@noble/hashes/sha3.js'
import type { LocalNetwork } from './network.ts'
import { bytesToHex } from './hapi/bytes.ts'

/** hiero-local-node's operator key for 0.0.2 (ED25519, raw 32-byte seed). */
export const OPERATOR_KEY = '91132178e72057a1d7528025956fe39b0b847f200ab59b2fdd367017f3087137'
/** 0.0.2's starting balance: 50 million HBAR. */
const OPERATOR_BALANCE = 50_000_000n * 100_000_000n
/** Each ECDSA account's starting balance: 10,000 HBAR. */
const ACCOUNT_BALANCE = 10_000n * 100_000_000n

export interface GenesisAccount {
  /** `0.0.n`. */
  readonly accountId: string
  /** Hex private key (ED25519 seed or secp256k1 scalar), no 0x. */
  readonly privateKey: string
  readonly publicKey: string
  /** The account's EVM address (ECDSA alias, or long-zero). */
  readonly evmAddress: string
  readonly type: 'ED25519' | 'ECDSA'
}

export function ecdsaSeedKey(i: number): Uint8Array {
  return keccak_256(new TextEncoder().encode(`zvm node account ${i}`))
}

export function createGenesis(net: LocalNetwork, accounts: number): { operator: GenesisAccount; accounts: GenesisAccount[] } {
  const ledger = net.ledger
  const opPublic = ed25519.getPublicKey(Buffer.from(OPERATOR_KEY, 'hex'))
  const op = ledger.createAccount({ key: { kind: 'ed25519', bytes: opPublic }, initialBalance: OPERATOR_BALANCE })
  ledger.createAccount({ key: { kind: 'ed25519', bytes: opPublic } }) // 0.0.3, the node
  if (op.accountId !== '0.0.2') throw new Error(`genesis: operator is ${op.accountId}, not 0.0.2`)
  const out: GenesisAccount[] = []
  for (let i = 0; i < accounts; i++) {
    const priv = ecdsaSeedKey(i)
    const pub = secp256k1.getPublicKey(priv, true)
    const a = ledger.createAccount({ ecdsaPublicKey: pub, initialBalance: ACCOUNT_BALANCE, maxAutoAssociations: -1 })
    out.push({ accountId: a.accountId!, privateKey: bytesToHex(priv), publicKey: bytesToHex(pub), evmAddress: a.address!, type: 'ECDSA' })
  }
  net.state.finalizeTransaction()
  return { operator: { accountId: op.accountId, privateKey: OPERATOR_KEY, publicKey: bytesToHex(opPublic), evmAddress: op.address!, type: 'ED25519' }, accounts: out }
}
