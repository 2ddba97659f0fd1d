/**
 * HTS token life cycle: create, update, delete, pause, freeze, KYC. Every
 * operation validates everything before it changes anything, and answers
 * the network's response code; the check order of each is in its doc
 * comment and in docs/hedera.md.
 */
import type { Address } from '@zvm/primitives'
import { entityIdToAddress } from '../ids.ts'
import { ResponseCode as RC } from '../response-codes.ts'
import { tokenProxyCode } from '../token-proxy.ts'
import { addRelation } from './associations.ts'
import { isValidKey, type LedgerKey } from './keys.ts'
import type { LedgerStore } from './store.ts'
import { TOKEN_KEY_NAMES, type SupplyType, type TokenKeys, type TokenRecord, type TokenType } from './types.ts'
import { unusableToken } from './token-state.ts'

const MAX_INT64 = (1n << 63n) - 1n
const MAX_INT32 = 2 ** 31 - 1
/** Default token expiry: 90 days after creation (Hedera's minimum auto-renew period). */
const DEFAULT_RENEW_SECONDS = 7_776_000n
const encoder = new TextEncoder()

/** Validates a name, symbol or memo: the code of its first problem, or SUCCESS. */
function checkText(text: string | undefined, missing: number | undefined, tooLong: number, maxBytes = 100): number {
  if (typeof text !== 'string') return missing ?? RC.INVALID_TRANSACTION_BODY
  if (text.length === 0 && missing !== undefined) return missing
  const bytes = encoder.encode(text)
  if (bytes.includes(0)) return RC.INVALID_ZERO_BYTE_IN_STRING
  if (bytes.length > maxBytes) return tooLong
  return RC.SUCCESS
}

function checkKeys(keys: TokenKeys): boolean {
  return Object.entries(keys).every(([name, key]) => (TOKEN_KEY_NAMES as readonly string[]).includes(name) && (key === undefined || isValidKey(key)))
}

export interface CreateTokenOptions {
  /** Default 'fungible'. */
  type?: TokenType
  name: string
  symbol: string
  treasury: string
  memo?: string
  /** Fungible only (default 0). */
  decimals?: number
  /** Fungible only (default 0); credited to the treasury. */
  initialSupply?: bigint
  /** Default 'infinite'. */
  supplyType?: SupplyType
  /** Required for a finite supply. */
  maxSupply?: bigint
  freezeDefault?: boolean
  keys?: TokenKeys
  /** Seconds since the epoch (default: consensus time + 90 days). */
  expiry?: bigint
  autoRenewAccount?: string
  autoRenewPeriod?: bigint
  caller: Address
}

export interface CreateTokenResult {
  code: number
  tokenId?: string
  /** The token's long-zero address. */
  address?: Address
}

/**
 * Check order: name (190 missing, 211 zero byte, 191 too long), symbol (174,
 * 211, 175), memo (211, 8), decimals (168), initial supply (169), max supply
 * (224; initial above max 169), keys (7 malformed), NFT without supply key
 * (180), freezeDefault without freeze key (172), treasury (170), auto-renew
 * account (15), treasury signs and admin key signs (7), treasury's
 * association limit (166).
 */
export function createToken(s: LedgerStore, o: CreateTokenOptions): CreateTokenResult {
  const type = o.type ?? 'fungible'
  const fail = (code: number): CreateTokenResult => ({ code })
  if (type !== 'fungible' && type !== 'nonFungible') return fail(RC.INVALID_TRANSACTION_BODY)
  let c = checkText(o.name, RC.MISSING_TOKEN_NAME, RC.TOKEN_NAME_TOO_LONG)
  if (c !== RC.SUCCESS) return fail(c)
  c = checkText(o.symbol, RC.MISSING_TOKEN_SYMBOL, RC.TOKEN_SYMBOL_TOO_LONG)
  if (c !== RC.SUCCESS) return fail(c)
  c = checkText(o.memo ?? '', undefined, RC.MEMO_TOO_LONG)
  if (c !== RC.SUCCESS) return fail(c)
  const decimals = o.decimals ?? 0
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > MAX_INT32 || (type === 'nonFungible' && decimals !== 0)) return fail(RC.INVALID_TOKEN_DECIMALS)
  const initialSupply = o.initialSupply ?? 0n
  if (typeof initialSupply !== 'bigint' || initialSupply < 0n || initialSupply > MAX_INT64 || (type === 'nonFungible' && initialSupply !== 0n)) return fail(RC.INVALID_TOKEN_INITIAL_SUPPLY)
  const supplyType = o.supplyType ?? 'infinite'
  const maxSupply = o.maxSupply ?? 0n
  if (typeof maxSupply !== 'bigint' || (supplyType === 'finite' ? maxSupply <= 0n || maxSupply > MAX_INT64 : supplyType !== 'infinite' || maxSupply !== 0n)) return fail(RC.INVALID_TOKEN_MAX_SUPPLY)
  if (supplyType === 'finite' && initialSupply > maxSupply) return fail(RC.INVALID_TOKEN_INITIAL_SUPPLY)
  const keys = { ...(o.keys ?? {}) }
  if (!checkKeys(keys)) return fail(RC.INVALID_SIGNATURE)
  if (type === 'nonFungible' && keys.supply === undefined) return fail(RC.TOKEN_HAS_NO_SUPPLY_KEY)
  if (o.freezeDefault === true && keys.freeze === undefined) return fail(RC.TOKEN_HAS_NO_FREEZE_KEY)
  const treasury = s.account(o.treasury)
  if (!treasury) return fail(RC.INVALID_TREASURY_ACCOUNT_FOR_TOKEN)
  const renew = o.autoRenewAccount === undefined ? undefined : s.account(o.autoRenewAccount)
  if (o.autoRenewAccount !== undefined && !renew) return fail(RC.INVALID_ACCOUNT_ID)
  if (!s.signs(treasury, o.caller)) return fail(RC.INVALID_SIGNATURE)
  if (keys.admin !== undefined && !s.isAuthorized(keys.admin, o.caller)) return fail(RC.INVALID_SIGNATURE)
  if (treasury.associations >= s.maxTokensPerAccount) return fail(RC.TOKENS_PER_ACCOUNT_LIMIT_EXCEEDED)
  const now = s.now()
  const token: TokenRecord = {
    id: s.newEntityId(), type, name: o.name, symbol: o.symbol, memo: o.memo ?? '', decimals,
    treasury: treasury.id, totalSupply: initialSupply, supplyType, maxSupply, freezeDefault: o.freezeDefault === true,
    keys, expiry: o.expiry ?? now.seconds + DEFAULT_RENEW_SECONDS, autoRenewAccount: renew?.id,
    autoRenewPeriod: o.autoRenewPeriod ?? DEFAULT_RENEW_SECONDS, paused: false, deleted: false, lastSerial: 0n,
  }
  s.put(s.tokens, token.id, token)
  const address = entityIdToAddress(token.id)
  // The token's account runs Hedera's redirect proxy, as on the network (token-proxy.ts).
  s.state.setCode(address, tokenProxyCode(address))
  // The treasury is associated, unfrozen and KYC-granted whatever the defaults.
  addRelation(s, token, treasury, false, { balance: initialSupply, frozen: false, kycGranted: true })
  return { code: RC.SUCCESS, tokenId: token.id, address }
}

export interface UpdateTokenOptions {
  token: string
  caller: Address
  name?: string
  symbol?: string
  memo?: string
  treasury?: string
  /** Replaces the given keys; a key the token was created without cannot be added. */
  keys?: TokenKeys
  expiry?: bigint
  autoRenewPeriod?: bigint
}

const NO_KEY_CODE: Record<string, number> = {
  kyc: RC.TOKEN_HAS_NO_KYC_KEY, freeze: RC.TOKEN_HAS_NO_FREEZE_KEY, wipe: RC.TOKEN_HAS_NO_WIPE_KEY,
  supply: RC.TOKEN_HAS_NO_SUPPLY_KEY, pause: RC.TOKEN_HAS_NO_PAUSE_KEY, feeSchedule: RC.TOKEN_IS_IMMUTABLE, admin: RC.TOKEN_IS_IMMUTABLE,
}

/**
 * Check order: token (167), admin key (193 none, 7 not the caller), deleted
 * (179), paused (265), name/symbol/memo (211, 191/175/8), keys (7 malformed,
 * the TOKEN_HAS_NO_*_KEY code for a key the token lacks), new treasury (170,
 * 7 it does not sign, 184 not associated, 250 old treasury still owns NFTs),
 * expiry (earlier than now: 1).
 */
export function updateToken(s: LedgerStore, o: UpdateTokenOptions): number {
  const token = s.token(o.token)
  if (!token) return RC.INVALID_TOKEN_ID
  if (token.keys.admin === undefined) return RC.TOKEN_IS_IMMUTABLE
  if (!s.isAuthorized(token.keys.admin, o.caller)) return RC.INVALID_SIGNATURE
  const unusable = unusableToken(token)
  if (unusable !== 0) return unusable
  let c: number
  if (o.name !== undefined && (c = checkText(o.name, undefined, RC.TOKEN_NAME_TOO_LONG)) !== RC.SUCCESS) return c
  if (o.symbol !== undefined && (c = checkText(o.symbol, undefined, RC.TOKEN_SYMBOL_TOO_LONG)) !== RC.SUCCESS) return c
  if (o.memo !== undefined && (c = checkText(o.memo, undefined, RC.MEMO_TOO_LONG)) !== RC.SUCCESS) return c
  const keys = { ...token.keys }
  if (o.keys !== undefined) {
    if (!checkKeys(o.keys)) return RC.INVALID_SIGNATURE
    for (const [name, key] of Object.entries(o.keys) as [keyof TokenKeys, LedgerKey | undefined][]) {
      if (key === undefined) continue
      if (token.keys[name] === undefined) return NO_KEY_CODE[name]
      keys[name] = key
    }
  }
  let treasury = s.accounts.get(token.treasury)!
  let moveTreasury = false
  if (o.treasury !== undefined) {
    const next = s.account(o.treasury)
    if (!next) return RC.INVALID_TREASURY_ACCOUNT_FOR_TOKEN
    if (next.id !== treasury.id) {
      if (!s.signs(next, o.caller)) return RC.INVALID_SIGNATURE
      if (!s.relation(token.id, next.id)) return RC.TOKEN_NOT_ASSOCIATED_TO_ACCOUNT
      if (token.type === 'nonFungible' && s.relation(token.id, treasury.id)!.balance !== 0n) return RC.CURRENT_TREASURY_STILL_OWNS_NFTS
      moveTreasury = true
      treasury = next
    }
  }
  if (o.expiry !== undefined && (typeof o.expiry !== 'bigint' || o.expiry < token.expiry)) return RC.INVALID_TRANSACTION
  if (o.autoRenewPeriod !== undefined && (typeof o.autoRenewPeriod !== 'bigint' || o.autoRenewPeriod <= 0n)) return RC.INVALID_TRANSACTION_BODY
  if (moveTreasury) {
    const oldKey = `${token.id}|${token.treasury}`, newKey = `${token.id}|${treasury.id}`
    const old = s.relations.get(oldKey)!, next = s.relations.get(newKey)!
    if (old.balance !== 0n) {
      s.put(s.relations, newKey, { ...next, balance: next.balance + old.balance })
      s.put(s.relations, oldKey, { ...old, balance: 0n })
    }
  }
  s.put(s.tokens, token.id, {
    ...token, keys, treasury: treasury.id,
    name: o.name || token.name, symbol: o.symbol || token.symbol, memo: o.memo ?? token.memo,
    expiry: o.expiry ?? token.expiry, autoRenewPeriod: o.autoRenewPeriod ?? token.autoRenewPeriod,
  })
  return RC.SUCCESS
}

export interface TokenOperationOptions {
  token: string
  caller: Address
}

/** Check order: token (167), admin key (193, 7), deleted (179), paused (265). */
export function deleteToken(s: LedgerStore, o: TokenOperationOptions): number {
  const token = s.token(o.token)
  if (!token) return RC.INVALID_TOKEN_ID
  if (token.keys.admin === undefined) return RC.TOKEN_IS_IMMUTABLE
  if (!s.isAuthorized(token.keys.admin, o.caller)) return RC.INVALID_SIGNATURE
  const unusable = unusableToken(token)
  if (unusable !== 0) return unusable
  s.put(s.tokens, token.id, { ...token, deleted: true })
  return RC.SUCCESS
}

/** Check order: token (167), pause key (266, 7), deleted (179). Pausing twice succeeds. */
export function setPaused(s: LedgerStore, o: TokenOperationOptions, paused: boolean): number {
  const token = s.token(o.token)
  if (!token) return RC.INVALID_TOKEN_ID
  if (token.keys.pause === undefined) return RC.TOKEN_HAS_NO_PAUSE_KEY
  if (!s.isAuthorized(token.keys.pause, o.caller)) return RC.INVALID_SIGNATURE
  if (token.deleted) return RC.TOKEN_WAS_DELETED
  if (token.paused !== paused) s.put(s.tokens, token.id, { ...token, paused })
  return RC.SUCCESS
}

export interface TokenAccountOptions {
  token: string
  account: string
  caller: Address
}

/**
 * Freeze/unfreeze (field 'frozen', key 'freeze') and grant/revoke KYC
 * ('kycGranted', 'kyc'). Check order: token (167), account (15), the key
 * (172 / 177 none, 7 not the caller), deleted (179), paused (265), not associated (184).
 */
export function setRelationFlag(s: LedgerStore, o: TokenAccountOptions, field: 'frozen' | 'kycGranted', value: boolean): number {
  const token = s.token(o.token)
  if (!token) return RC.INVALID_TOKEN_ID
  const account = s.account(o.account)
  if (!account) return RC.INVALID_ACCOUNT_ID
  const key = field === 'frozen' ? token.keys.freeze : token.keys.kyc
  if (key === undefined) return field === 'frozen' ? RC.TOKEN_HAS_NO_FREEZE_KEY : RC.TOKEN_HAS_NO_KYC_KEY
  if (!s.isAuthorized(key, o.caller)) return RC.INVALID_SIGNATURE
  const unusable = unusableToken(token)
  if (unusable !== 0) return unusable
  const relKey = `${token.id}|${account.id}`
  const relation = s.relations.get(relKey)
  if (!relation) return RC.TOKEN_NOT_ASSOCIATED_TO_ACCOUNT
  if (relation[field] !== value) s.put(s.relations, relKey, { ...relation, [field]: value })
  return RC.SUCCESS
}
