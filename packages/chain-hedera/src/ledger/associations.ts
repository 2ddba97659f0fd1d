/**
 * Token associations (spec §6): an account holds a token only through an
 * association, made explicitly or by a free auto-association slot. The
 * treasury is associated at creation; freezeDefault makes new associations
 * start frozen; without a KYC key, KYC counts as granted.
 */
import type { Address } from '@zvm/primitives'
import { ResponseCode as RC } from '../response-codes.ts'
import type { LedgerStore } from './store.ts'
import type { AccountRecord, TokenRecord, TokenRelation } from './types.ts'

/** A new relation's flags for `token`. */
export function newRelation(token: TokenRecord, automatic: boolean): TokenRelation {
  return {
    balance: 0n,
    frozen: token.freezeDefault && token.keys.freeze !== undefined,
    kycGranted: token.keys.kyc === undefined,
    automatic,
  }
}

/** Adds the relation and counts it on the account (no checks). */
export function addRelation(s: LedgerStore, token: TokenRecord, account: AccountRecord, automatic: boolean, overrides: Partial<TokenRelation> = {}): TokenRelation {
  const relation = { ...newRelation(token, automatic), ...overrides }
  s.put(s.relations, `${token.id}|${account.id}`, relation)
  s.put(s.accounts, account.id, {
    ...account,
    associations: account.associations + 1,
    usedAutoAssociations: account.usedAutoAssociations + (automatic ? 1 : 0),
  })
  return relation
}

/**
 * What receiving `token` needs of `account` (undefined = a hollow account to
 * be created, which has unlimited slots): SUCCESS with the relation it has or
 * would get by auto-association, or the failure code (184, 166).
 */
export function receiverRelation(s: LedgerStore, token: TokenRecord, account: AccountRecord | undefined): { code: number; relation?: TokenRelation; automatic?: boolean } {
  const existing = account ? s.relation(token.id, account.id) : undefined
  if (existing) return { code: RC.SUCCESS, relation: existing, automatic: false }
  const max = account ? account.maxAutoAssociations : -1
  const used = account ? account.usedAutoAssociations : 0
  if (max !== -1 && used >= max) return { code: RC.TOKEN_NOT_ASSOCIATED_TO_ACCOUNT }
  if (account && account.associations >= s.maxTokensPerAccount) return { code: RC.TOKENS_PER_ACCOUNT_LIMIT_EXCEEDED }
  return { code: RC.SUCCESS, relation: newRelation(token, true), automatic: true }
}

export interface AssociationOptions {
  account: string
  token: string
  caller: Address
}

/** Check order: account (15), token (167), account signs (7), deleted (179), already associated (194), limit (166). */
export function associate(s: LedgerStore, o: AssociationOptions): number {
  const account = s.account(o.account)
  if (!account) return RC.INVALID_ACCOUNT_ID
  const token = s.token(o.token)
  if (!token) return RC.INVALID_TOKEN_ID
  if (!s.signs(account, o.caller)) return RC.INVALID_SIGNATURE
  if (token.deleted) return RC.TOKEN_WAS_DELETED
  if (s.relation(token.id, account.id)) return RC.TOKEN_ALREADY_ASSOCIATED_TO_ACCOUNT
  if (account.associations >= s.maxTokensPerAccount) return RC.TOKENS_PER_ACCOUNT_LIMIT_EXCEEDED
  addRelation(s, token, account, false)
  return RC.SUCCESS
}

/**
 * Check order: account (15), token (167), account signs (7), not associated
 * (184), treasury of a live token (196), frozen on a live token (165),
 * balance: fungible (195), NFTs (251). A deleted fungible token's relation
 * goes with its balance (burned); NFTs of a deleted token still refuse (251).
 */
export function dissociate(s: LedgerStore, o: AssociationOptions): number {
  const account = s.account(o.account)
  if (!account) return RC.INVALID_ACCOUNT_ID
  const token = s.token(o.token)
  if (!token) return RC.INVALID_TOKEN_ID
  if (!s.signs(account, o.caller)) return RC.INVALID_SIGNATURE
  const key = `${token.id}|${account.id}`
  const relation = s.relations.get(key)
  if (!relation) return RC.TOKEN_NOT_ASSOCIATED_TO_ACCOUNT
  if (!token.deleted) {
    if (token.treasury === account.id) return RC.ACCOUNT_IS_TREASURY
    if (relation.frozen) return RC.ACCOUNT_FROZEN_FOR_TOKEN
    if (relation.balance !== 0n) return token.type === 'fungible' ? RC.TRANSACTION_REQUIRES_ZERO_TOKEN_BALANCES : RC.ACCOUNT_STILL_OWNS_NFTS
  } else if (token.type === 'nonFungible' && relation.balance !== 0n) {
    return RC.ACCOUNT_STILL_OWNS_NFTS
  } else if (relation.balance !== 0n) {
    // Units of a deleted token vanish with the relation: keep total supply = sum of balances.
    s.put(s.tokens, token.id, { ...token, totalSupply: token.totalSupply - relation.balance })
  }
  s.remove(s.relations, key)
  s.put(s.accounts, account.id, {
    ...account,
    associations: account.associations - 1,
    usedAutoAssociations: account.usedAutoAssociations - (relation.automatic ? 1 : 0),
  })
  return RC.SUCCESS
}
