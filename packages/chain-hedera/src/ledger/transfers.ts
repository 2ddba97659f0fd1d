/**
 * Token transfers and allowances. The sender is the account whose balance
 * moves; the caller either is that account (its key) or spends an
 * allowance the sender granted it.
 */
import type { Address } from '@zvm/primitives'
import { ResponseCode as RC } from '../response-codes.ts'
import { createHollowAccount } from './accounts.ts'
import { addRelation, receiverRelation } from './associations.ts'
import type { LedgerStore } from './store.ts'
import type { AccountRecord, TokenRecord, TokenRelation } from './types.ts'
import { unusableToken } from './token-state.ts'

const MAX_INT64 = (1n << 63n) - 1n

export interface TransferTokenOptions {
  token: string
  from: string
  /** An account, or an unknown EVM address (a hollow account is created). */
  to: string
  amount: bigint
  caller: Address
}

/** Resolves the receiver: an account, or an address that becomes a hollow account. */
function receiver(s: LedgerStore, ref: string): { account?: AccountRecord; hollow?: Address } | undefined {
  const account = s.account(ref)
  if (account) return { account }
  const hollow = s.hollowCandidate(ref)
  return hollow ? { hollow } : undefined
}

/** Frozen (165), then KYC (176), of a relation. */
function usable(relation: TokenRelation): number {
  if (relation.frozen) return RC.ACCOUNT_FROZEN_FOR_TOKEN
  if (!relation.kycGranted) return RC.ACCOUNT_KYC_NOT_GRANTED_FOR_TOKEN
  return RC.SUCCESS
}

/** Credits `units` to the receiver, creating the hollow account and the auto-association as needed. */
function credit(s: LedgerStore, token: TokenRecord, to: { account?: AccountRecord; hollow?: Address }, units: bigint): string {
  const account = to.account ?? createHollowAccount(s, to.hollow!)
  const key = `${token.id}|${account.id}`
  const relation = s.relations.get(key) ?? addRelation(s, token, account, true)
  s.put(s.relations, key, { ...relation, balance: relation.balance + units })
  return account.id
}

function debit(s: LedgerStore, token: TokenRecord, accountId: string, units: bigint): void {
  const key = `${token.id}|${accountId}`
  const relation = s.relations.get(key)!
  s.put(s.relations, key, { ...relation, balance: relation.balance - units })
}

/**
 * Fungible transfer. Check order: amount (48), token (167), deleted (179),
 * paused (265), type (254), sender (15), receiver (15), allowance when the
 * caller is not the sender (292 none, 293 too small), sender not associated
 * (184), frozen (165), KYC (176), receiver not associated without a free
 * auto-association slot (184), association limit (166), frozen (165), KYC
 * (176), balance (178).
 */
export function transferToken(s: LedgerStore, o: TransferTokenOptions): number {
  const amount = o.amount
  if (typeof amount !== 'bigint' || amount < 0n || amount > MAX_INT64) return RC.INVALID_ACCOUNT_AMOUNTS
  const token = s.token(o.token)
  if (!token) return RC.INVALID_TOKEN_ID
  const unusable = unusableToken(token)
  if (unusable !== 0) return unusable
  if (token.type !== 'fungible') return RC.ACCOUNT_AMOUNT_TRANSFERS_ONLY_ALLOWED_FOR_FUNGIBLE_COMMON
  const from = s.account(o.from)
  if (!from) return RC.INVALID_ACCOUNT_ID
  const to = receiver(s, o.to)
  if (!to) return RC.INVALID_ACCOUNT_ID
  let allowanceKey: string | undefined
  let allowance = 0n
  if (!s.signs(from, o.caller)) {
    const spender = s.idOf(o.caller)
    allowanceKey = `${from.id}|${token.id}|${spender}`
    const granted = spender === undefined ? undefined : s.allowances.get(allowanceKey)
    if (granted === undefined) return RC.SPENDER_DOES_NOT_HAVE_ALLOWANCE
    if (granted < amount) return RC.AMOUNT_EXCEEDS_ALLOWANCE
    allowance = granted
  }
  const fromRelation = s.relation(token.id, from.id)
  if (!fromRelation) return RC.TOKEN_NOT_ASSOCIATED_TO_ACCOUNT
  let c = usable(fromRelation)
  if (c !== RC.SUCCESS) return c
  const toRelation = receiverRelation(s, token, to.account)
  if (toRelation.code !== RC.SUCCESS) return toRelation.code
  if ((c = usable(toRelation.relation!)) !== RC.SUCCESS) return c
  if (fromRelation.balance < amount) return RC.INSUFFICIENT_TOKEN_BALANCE
  if (allowanceKey !== undefined) {
    if (allowance === amount) s.remove(s.allowances, allowanceKey)
    else s.put(s.allowances, allowanceKey, allowance - amount)
  }
  debit(s, token, from.id, amount)
  credit(s, token, to, amount)
  return RC.SUCCESS
}

export interface TransferNftOptions {
  token: string
  from: string
  to: string
  serial: bigint
  caller: Address
}

/**
 * NFT transfer. Check order: serial (226 not positive), token (167),
 * deleted (179), paused (265), type (226 for a fungible token), sender (15),
 * receiver (15), serial exists (226), owned by the sender (237), the caller
 * is the owner, the serial's spender or an approved-for-all operator (292),
 * then both relations as for a fungible transfer (184, 166, 165, 176).
 */
export function transferNft(s: LedgerStore, o: TransferNftOptions): number {
  if (typeof o.serial !== 'bigint' || o.serial <= 0n || o.serial > MAX_INT64) return RC.INVALID_NFT_ID
  const token = s.token(o.token)
  if (!token) return RC.INVALID_TOKEN_ID
  const unusable = unusableToken(token)
  if (unusable !== 0) return unusable
  if (token.type !== 'nonFungible') return RC.INVALID_NFT_ID
  const from = s.account(o.from)
  if (!from) return RC.INVALID_ACCOUNT_ID
  const to = receiver(s, o.to)
  if (!to) return RC.INVALID_ACCOUNT_ID
  const nftKey = `${token.id}/${o.serial}`
  const nft = s.nfts.get(nftKey)
  if (!nft) return RC.INVALID_NFT_ID
  if (nft.owner !== from.id) return RC.SENDER_DOES_NOT_OWN_NFT_SERIAL_NO
  if (!s.signs(from, o.caller)) {
    const spender = s.idOf(o.caller)
    if (spender === undefined || (nft.spender !== spender && !s.operators.has(`${from.id}|${token.id}|${spender}`))) return RC.SPENDER_DOES_NOT_HAVE_ALLOWANCE
  }
  const fromRelation = s.relation(token.id, from.id)
  if (!fromRelation) return RC.TOKEN_NOT_ASSOCIATED_TO_ACCOUNT
  let c = usable(fromRelation)
  if (c !== RC.SUCCESS) return c
  const toRelation = receiverRelation(s, token, to.account)
  if (toRelation.code !== RC.SUCCESS) return toRelation.code
  if ((c = usable(toRelation.relation!)) !== RC.SUCCESS) return c
  debit(s, token, from.id, 1n)
  const owner = credit(s, token, to, 1n)
  s.put(s.nfts, nftKey, { ...nft, owner, spender: undefined })
  return RC.SUCCESS
}

export interface ApproveOptions {
  token: string
  owner: string
  spender: string
  /** Fungible units (0 removes the allowance). */
  amount: bigint
  caller: Address
}

/** Owner (300), spender (301), owner signs (7), then the token checks shared by every approval. */
function approvalParties(s: LedgerStore, o: { token: string; owner: string; spender: string; caller: Address }): { code: number; owner?: AccountRecord; spender?: AccountRecord; token?: TokenRecord } {
  const owner = s.account(o.owner)
  if (!owner) return { code: RC.INVALID_ALLOWANCE_OWNER_ID }
  const spender = s.account(o.spender)
  if (!spender) return { code: RC.INVALID_ALLOWANCE_SPENDER_ID }
  if (!s.signs(owner, o.caller)) return { code: RC.INVALID_SIGNATURE }
  const token = s.token(o.token)
  if (!token) return { code: RC.INVALID_TOKEN_ID }
  if (token.deleted) return { code: RC.TOKEN_WAS_DELETED }
  if (token.paused) return { code: RC.TOKEN_IS_PAUSED }
  if (!s.relation(token.id, owner.id)) return { code: RC.TOKEN_NOT_ASSOCIATED_TO_ACCOUNT }
  return { code: RC.SUCCESS, owner, spender, token }
}

/**
 * Fungible allowance. Check order: amount (48), owner (300), spender (301),
 * owner signs (7), token (167), deleted (179), paused (265), owner not
 * associated (184), type (254).
 */
export function approve(s: LedgerStore, o: ApproveOptions): number {
  if (typeof o.amount !== 'bigint' || o.amount < 0n || o.amount > MAX_INT64) return RC.INVALID_ACCOUNT_AMOUNTS
  const p = approvalParties(s, o)
  if (p.code !== RC.SUCCESS) return p.code
  if (p.token!.type !== 'fungible') return RC.ACCOUNT_AMOUNT_TRANSFERS_ONLY_ALLOWED_FOR_FUNGIBLE_COMMON
  const key = `${p.owner!.id}|${p.token!.id}|${p.spender!.id}`
  if (o.amount === 0n) s.remove(s.allowances, key)
  else s.put(s.allowances, key, o.amount)
  return RC.SUCCESS
}

export interface ApproveNftOptions {
  token: string
  owner: string
  /** The approved account; undefined clears the approval. */
  spender: string | undefined
  serial: bigint
  caller: Address
}

/**
 * NFT approval by serial. Check order: owner (300), spender (301), owner
 * signs (7), token (167), deleted (179), paused (265), owner not associated
 * (184), type and serial (226), owned by the owner (237).
 */
export function approveNft(s: LedgerStore, o: ApproveNftOptions): number {
  const p = approvalParties(s, { ...o, spender: o.spender ?? o.owner })
  if (p.code !== RC.SUCCESS) return p.code
  if (p.token!.type !== 'nonFungible' || typeof o.serial !== 'bigint') return RC.INVALID_NFT_ID
  const nftKey = `${p.token!.id}/${o.serial}`
  const nft = s.nfts.get(nftKey)
  if (!nft) return RC.INVALID_NFT_ID
  if (nft.owner !== p.owner!.id) return RC.SENDER_DOES_NOT_OWN_NFT_SERIAL_NO
  s.put(s.nfts, nftKey, { ...nft, spender: o.spender === undefined ? undefined : p.spender!.id })
  return RC.SUCCESS
}

export interface ApproveForAllOptions {
  token: string
  owner: string
  operator: string
  approved: boolean
  caller: Address
}

/** Approve-for-all of every serial. Check order: as approveNft, then type (226). */
export function setApprovalForAll(s: LedgerStore, o: ApproveForAllOptions): number {
  const p = approvalParties(s, { ...o, spender: o.operator })
  if (p.code !== RC.SUCCESS) return p.code
  if (p.token!.type !== 'nonFungible') return RC.INVALID_NFT_ID
  const key = `${p.owner!.id}|${p.token!.id}|${p.spender!.id}`
  if (o.approved) s.put(s.operators, key, true)
  else s.remove(s.operators, key)
  return RC.SUCCESS
}
