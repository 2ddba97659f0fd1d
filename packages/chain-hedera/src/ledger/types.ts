/** The ledger's records. Records are immutable: every change replaces one, so undoing restores the previous object. */
import type { Address } from '@zvm/primitives'
import type { LedgerKey } from './keys.ts'

/** A Hedera account (or a contract's account). */
export interface AccountRecord {
  /** `shard.realm.num`. */
  readonly id: string
  /** The EVM address alias (HIP-583 ECDSA alias, hollow account, contract address), if any. */
  readonly alias: Address | undefined
  /** Undefined for a hollow account. */
  readonly key: LedgerKey | undefined
  /** Free slots let the account receive a token without associating first; -1 is unlimited. */
  readonly maxAutoAssociations: number
  readonly usedAutoAssociations: number
  /** Number of token associations (explicit and automatic). */
  readonly associations: number
  readonly memo: string
}

/** The seven token keys (bit i of HTS keyType is the i-th name). */
export const TOKEN_KEY_NAMES = ['admin', 'kyc', 'freeze', 'wipe', 'supply', 'feeSchedule', 'pause'] as const
export type TokenKeyName = (typeof TOKEN_KEY_NAMES)[number]
export type TokenKeys = { readonly [K in TokenKeyName]?: LedgerKey }

export type TokenType = 'fungible' | 'nonFungible'
export type SupplyType = 'infinite' | 'finite'

/** An HTS token. */
export interface TokenRecord {
  readonly id: string
  readonly type: TokenType
  readonly name: string
  readonly symbol: string
  readonly memo: string
  readonly decimals: number
  /** Treasury account id. */
  readonly treasury: string
  readonly totalSupply: bigint
  readonly supplyType: SupplyType
  /** 0 for an infinite supply. */
  readonly maxSupply: bigint
  readonly freezeDefault: boolean
  readonly keys: TokenKeys
  /** Expiry, seconds since the epoch. */
  readonly expiry: bigint
  readonly autoRenewAccount: string | undefined
  readonly autoRenewPeriod: bigint
  readonly paused: boolean
  readonly deleted: boolean
  /** The last serial number minted (NFT). */
  readonly lastSerial: bigint
}

/** An account's relationship to a token (its association). */
export interface TokenRelation {
  /** Units for a fungible token; NFTs owned for a non-fungible one. */
  readonly balance: bigint
  readonly frozen: boolean
  readonly kycGranted: boolean
  /** Made by an auto-association slot. */
  readonly automatic: boolean
}

/** One NFT. */
export interface NftRecord {
  readonly owner: string
  readonly metadata: Uint8Array
  /** Account id approved for this serial. */
  readonly spender: string | undefined
}

/** An HCS topic. */
export interface TopicRecord {
  readonly id: string
  readonly memo: string
  readonly adminKey: LedgerKey | undefined
  readonly submitKey: LedgerKey | undefined
  readonly autoRenewAccount: string | undefined
  readonly sequenceNumber: bigint
  /** 48 bytes (SHA-384), zero before the first message. */
  readonly runningHash: Uint8Array
  readonly expiry: bigint
  readonly deleted: boolean
}

/** Consensus time. */
export interface ConsensusTime {
  readonly seconds: bigint
  readonly nanos: number
}
