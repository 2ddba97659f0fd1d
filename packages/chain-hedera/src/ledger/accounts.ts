/**
 * Accounts and HBAR. Balances are tinybar in the JournaledState at each
 * account's EVM address, so EVM value transfers and the ledger agree. A
 * transfer to an unknown EVM address (not long-zero) creates a hollow
 * account: alias = that address, no key, unlimited auto-associations (spec §6).
 */
import type { Address } from '@zvm/primitives'
import { ResponseCode as RC } from '../response-codes.ts'
import { ecdsaKeyToAlias, isValidKey, type LedgerKey } from './keys.ts'
import type { LedgerStore } from './store.ts'
import type { AccountRecord } from './types.ts'

export interface CreateAccountOptions {
  key?: LedgerKey
  /** An ECDSA secp256k1 public key: becomes the key, and its HIP-583 alias the EVM address. */
  ecdsaPublicKey?: Uint8Array
  /** An EVM address alias (a contract's address, say). */
  alias?: Address
  /** Tinybar credited out of nothing, as at genesis (default 0). */
  initialBalance?: bigint
  /** Default 0; -1 is unlimited. */
  maxAutoAssociations?: number
  memo?: string
}

export interface CreateAccountResult {
  code: number
  accountId?: string
  /** The EVM address holding its HBAR (alias or long-zero). */
  address?: Address
}

export function createAccount(s: LedgerStore, o: CreateAccountOptions = {}): CreateAccountResult {
  let key = o.key
  let alias = o.alias?.toLowerCase() as Address | undefined
  if (o.ecdsaPublicKey !== undefined) {
    const derived = ecdsaKeyToAlias(o.ecdsaPublicKey)
    if (derived === undefined) return { code: RC.INVALID_SIGNATURE }
    key ??= { kind: 'ecdsa', bytes: o.ecdsaPublicKey.slice() }
    alias ??= derived
  }
  if (key !== undefined && !isValidKey(key)) return { code: RC.INVALID_SIGNATURE }
  if (alias !== undefined && (!/^0x[0-9a-f]{40}$/.test(alias) || s.aliases.has(alias) || s.idOf(alias) !== undefined)) return { code: RC.INVALID_TRANSACTION }
  const balance = o.initialBalance ?? 0n
  if (typeof balance !== 'bigint' || balance < 0n) return { code: RC.INVALID_ACCOUNT_AMOUNTS }
  const max = o.maxAutoAssociations ?? 0
  if (!Number.isInteger(max) || max < -1) return { code: RC.INVALID_TRANSACTION_BODY }
  const memo = o.memo ?? ''
  if (new TextEncoder().encode(memo).length > 100) return { code: RC.MEMO_TOO_LONG }
  const account: AccountRecord = { id: s.newEntityId(), alias, key, maxAutoAssociations: max, usedAutoAssociations: 0, associations: 0, memo }
  putAccount(s, account)
  const address = s.evmAddress(account)
  if (balance > 0n) s.state.addBalance(address, balance)
  return { code: RC.SUCCESS, accountId: account.id, address }
}

export function putAccount(s: LedgerStore, account: AccountRecord): void {
  s.put(s.accounts, account.id, account)
  if (account.alias !== undefined) s.put(s.aliases, account.alias, account.id)
}

/** Creates the hollow account of an unknown EVM address. */
export function createHollowAccount(s: LedgerStore, alias: Address): AccountRecord {
  const account: AccountRecord = { id: s.newEntityId(), alias, key: undefined, maxAutoAssociations: -1, usedAutoAssociations: 0, associations: 0, memo: '' }
  putAccount(s, account)
  return account
}

export interface TransferHbarOptions {
  from: string
  /** An account, or an unknown EVM address (a hollow account is created). */
  to: string
  /** Tinybar. */
  amount: bigint
  caller: Address
}

/** Check order: amount (48), from (15), to (15), signature of from (7), balance (28). */
export function transferHbar(s: LedgerStore, o: TransferHbarOptions): number {
  if (typeof o.amount !== 'bigint' || o.amount < 0n || o.amount >= 1n << 63n) return RC.INVALID_ACCOUNT_AMOUNTS
  const from = s.account(o.from)
  if (!from) return RC.INVALID_ACCOUNT_ID
  const to = s.account(o.to)
  const hollow = to ? undefined : s.hollowCandidate(o.to)
  if (!to && !hollow) return RC.INVALID_ACCOUNT_ID
  if (!s.signs(from, o.caller)) return RC.INVALID_SIGNATURE
  const fromAddress = s.evmAddress(from)
  if (s.state.getBalance(fromAddress) < o.amount) return RC.INSUFFICIENT_ACCOUNT_BALANCE
  const target = to ?? createHollowAccount(s, hollow!)
  s.state.transfer(fromAddress, s.evmAddress(target), o.amount)
  return RC.SUCCESS
}
