/** Token supply: mint, burn and wipe, fungible and non-fungible. */
import type { Address } from '@zvm/primitives'
import { ResponseCode as RC } from '../response-codes.ts'
import type { LedgerStore } from './store.ts'
import { unusableToken } from './token-state.ts'

const MAX_INT64 = (1n << 63n) - 1n
/** Bytes of NFT metadata (Hedera's tokens.nfts.maxMetadataBytes). */
export const MAX_NFT_METADATA_BYTES = 100
/** NFTs one mint, burn or wipe may name (the network's tokens.nfts.maxBatchSize{Mint,Burn,Wipe}); more → 228. */
export const MAX_NFT_BATCH = 10

export interface MintOptions {
  token: string
  /** Units of a fungible token. */
  amount?: bigint
  /** One entry per NFT to mint (non-fungible). */
  metadata?: readonly Uint8Array[]
  caller: Address
}

export interface MintResult {
  code: number
  totalSupply?: bigint
  /** The new serial numbers (NFT). */
  serials?: bigint[]
}

/**
 * Check order: amount (182: negative, or both amount and metadata), token
 * (167), supply key (180, 7), deleted (179), paused (265), the shape for the
 * type (182: a fungible token given metadata, an NFT given no metadata),
 * more than 10 NFTs (228), metadata size (227), max supply (236) or int64 overflow (182).
 */
export function mint(s: LedgerStore, o: MintOptions): MintResult {
  const amount = o.amount ?? 0n
  if (typeof amount !== 'bigint' || amount < 0n || amount > MAX_INT64) return { code: RC.INVALID_TOKEN_MINT_AMOUNT }
  if (amount > 0n && o.metadata !== undefined && o.metadata.length > 0) return { code: RC.INVALID_TOKEN_MINT_AMOUNT }
  const token = s.token(o.token)
  if (!token) return { code: RC.INVALID_TOKEN_ID }
  if (token.keys.supply === undefined) return { code: RC.TOKEN_HAS_NO_SUPPLY_KEY }
  if (!s.isAuthorized(token.keys.supply, o.caller)) return { code: RC.INVALID_SIGNATURE }
  if (token.deleted) return { code: RC.TOKEN_WAS_DELETED }
  if (token.paused) return { code: RC.TOKEN_IS_PAUSED }
  const metadata = o.metadata ?? []
  const units = token.type === 'fungible' ? amount : BigInt(metadata.length)
  if (token.type === 'fungible' ? metadata.length > 0 : amount > 0n || metadata.length === 0) return { code: RC.INVALID_TOKEN_MINT_AMOUNT }
  if (metadata.length > MAX_NFT_BATCH) return { code: RC.BATCH_SIZE_LIMIT_EXCEEDED }
  if (metadata.some((m) => !(m instanceof Uint8Array))) return { code: RC.INVALID_TRANSACTION_BODY }
  if (metadata.some((m) => m.length > MAX_NFT_METADATA_BYTES)) return { code: RC.METADATA_TOO_LONG }
  const supply = token.totalSupply + units
  if (token.supplyType === 'finite' && supply > token.maxSupply) return { code: RC.TOKEN_MAX_SUPPLY_REACHED }
  if (supply > MAX_INT64) return { code: RC.INVALID_TOKEN_MINT_AMOUNT }
  const relKey = `${token.id}|${token.treasury}`
  const relation = s.relations.get(relKey)!
  s.put(s.relations, relKey, { ...relation, balance: relation.balance + units })
  const serials: bigint[] = []
  for (const m of metadata) {
    const serial = token.lastSerial + BigInt(serials.length) + 1n
    serials.push(serial)
    s.put(s.nfts, `${token.id}/${serial}`, { owner: token.treasury, metadata: m.slice(), spender: undefined })
  }
  s.put(s.tokens, token.id, { ...token, totalSupply: supply, lastSerial: token.lastSerial + BigInt(serials.length) })
  return { code: RC.SUCCESS, totalSupply: supply, serials }
}

export interface BurnOptions {
  token: string
  /** Units of a fungible token. */
  amount?: bigint
  /** Serial numbers (NFT). */
  serials?: readonly bigint[]
  caller: Address
}

/**
 * Check order: amount (183: negative, or both amount and serials), token
 * (167), supply key (180, 7), deleted (179), paused (265), the shape for the
 * type (183), fungible: treasury balance (178); NFT: each serial exists
 * (226) and is the treasury's (252).
 */
export function burn(s: LedgerStore, o: BurnOptions): { code: number; totalSupply?: bigint } {
  const amount = o.amount ?? 0n
  const serials = o.serials ?? []
  if (typeof amount !== 'bigint' || amount < 0n || amount > MAX_INT64) return { code: RC.INVALID_TOKEN_BURN_AMOUNT }
  if (amount > 0n && serials.length > 0) return { code: RC.INVALID_TOKEN_BURN_AMOUNT }
  const token = s.token(o.token)
  if (!token) return { code: RC.INVALID_TOKEN_ID }
  if (token.keys.supply === undefined) return { code: RC.TOKEN_HAS_NO_SUPPLY_KEY }
  if (!s.isAuthorized(token.keys.supply, o.caller)) return { code: RC.INVALID_SIGNATURE }
  if (token.deleted) return { code: RC.TOKEN_WAS_DELETED }
  if (token.paused) return { code: RC.TOKEN_IS_PAUSED }
  if (token.type === 'fungible' ? serials.length > 0 : amount > 0n || serials.length === 0) return { code: RC.INVALID_TOKEN_BURN_AMOUNT }
  if (serials.length > MAX_NFT_BATCH) return { code: RC.BATCH_SIZE_LIMIT_EXCEEDED }
  const relKey = `${token.id}|${token.treasury}`
  const relation = s.relations.get(relKey)!
  if (token.type === 'fungible') {
    if (relation.balance < amount) return { code: RC.INSUFFICIENT_TOKEN_BALANCE }
  } else {
    const seen = new Set<bigint>()
    for (const serial of serials) {
      if (typeof serial !== 'bigint' || seen.has(serial)) return { code: RC.INVALID_NFT_ID }
      seen.add(serial)
      const nft = s.nfts.get(`${token.id}/${serial}`)
      if (!nft) return { code: RC.INVALID_NFT_ID }
      if (nft.owner !== token.treasury) return { code: RC.TREASURY_MUST_OWN_BURNED_NFT }
    }
  }
  const units = token.type === 'fungible' ? amount : BigInt(serials.length)
  for (const serial of serials) s.remove(s.nfts, `${token.id}/${serial}`)
  s.put(s.relations, relKey, { ...relation, balance: relation.balance - units })
  const totalSupply = token.totalSupply - units
  s.put(s.tokens, token.id, { ...token, totalSupply })
  return { code: RC.SUCCESS, totalSupply }
}

export interface WipeOptions {
  token: string
  account: string
  amount?: bigint
  serials?: readonly bigint[]
  caller: Address
}

/**
 * Check order: amount (192: negative, zero or with serials), token (167),
 * account (15), wipe key (181, 7), deleted (179), paused (265), the treasury
 * (185), not associated (184), frozen (165), fungible: balance (192); NFT:
 * serial exists (226) and is the account's (253).
 */
export function wipe(s: LedgerStore, o: WipeOptions): number {
  const amount = o.amount ?? 0n
  const serials = o.serials ?? []
  if (typeof amount !== 'bigint' || amount < 0n || amount > MAX_INT64 || (amount === 0n) === (serials.length === 0)) return RC.INVALID_WIPING_AMOUNT
  const token = s.token(o.token)
  if (!token) return RC.INVALID_TOKEN_ID
  const account = s.account(o.account)
  if (!account) return RC.INVALID_ACCOUNT_ID
  if (token.keys.wipe === undefined) return RC.TOKEN_HAS_NO_WIPE_KEY
  if (!s.isAuthorized(token.keys.wipe, o.caller)) return RC.INVALID_SIGNATURE
  const unusable = unusableToken(token)
  if (unusable !== 0) return unusable
  if (token.treasury === account.id) return RC.CANNOT_WIPE_TOKEN_TREASURY_ACCOUNT
  const relKey = `${token.id}|${account.id}`
  const relation = s.relations.get(relKey)
  if (!relation) return RC.TOKEN_NOT_ASSOCIATED_TO_ACCOUNT
  if (relation.frozen) return RC.ACCOUNT_FROZEN_FOR_TOKEN
  if (token.type === 'fungible') {
    if (serials.length > 0 || relation.balance < amount) return RC.INVALID_WIPING_AMOUNT
  } else {
    if (amount > 0n) return RC.INVALID_WIPING_AMOUNT
    if (serials.length > MAX_NFT_BATCH) return RC.BATCH_SIZE_LIMIT_EXCEEDED
    const seen = new Set<bigint>()
    for (const serial of serials) {
      if (typeof serial !== 'bigint' || seen.has(serial)) return RC.INVALID_NFT_ID
      seen.add(serial)
      const nft = s.nfts.get(`${token.id}/${serial}`)
      if (!nft) return RC.INVALID_NFT_ID
      if (nft.owner !== account.id) return RC.ACCOUNT_DOES_NOT_OWN_WIPED_NFT
    }
  }
  const units = token.type === 'fungible' ? amount : BigInt(serials.length)
  for (const serial of serials) s.remove(s.nfts, `${token.id}/${serial}`)
  s.put(s.relations, relKey, { ...relation, balance: relation.balance - units })
  s.put(s.tokens, token.id, { ...token, totalSupply: token.totalSupply - units })
  return RC.SUCCESS
}
