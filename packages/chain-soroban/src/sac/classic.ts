/**
 * Classic-ledger balances the Stellar Asset Contract moves for `G…`
 * addresses: the XLM balance of an account entry (native asset) and the
 * balance of a trustline (issued assets). Only what the contract reads is
 * modelled — balance, sub-entry count (minimum balance = (2 + sub-entries) ×
 * base reserve), account flags and trustline limit and flags; liabilities,
 * sponsorships and offers are not. The issuer of an asset holds no
 * trustline: its balance reads as i64::MAX and moving its own asset to or
 * from it only mints or burns.
 */
import { ErrorCode, ErrorType, HostError } from '../errors.ts'
import { trustlineKey, type AccountEntry, type SorobanLedger, type TrustlineEntry } from '../ledger.ts'

/** Account flags (Stellar `AccountFlags`). */
export const AccountFlag = { AuthRequired: 1, AuthRevocable: 2, AuthImmutable: 4, AuthClawbackEnabled: 8 } as const
/** Trustline flags (Stellar `TrustLineFlags`). */
export const TrustlineFlag = { Authorized: 1, AuthorizedToMaintainLiabilities: 2, ClawbackEnabled: 4 } as const

/** The Stellar Asset Contract's `ContractError` codes. */
export const SacError = {
  InternalError: 1, OperationNotSupportedError: 2, AlreadyInitializedError: 3, UnauthorizedError: 4,
  AuthenticationError: 5, AccountMissingError: 6, AccountIsNotClassic: 7, NegativeAmountError: 8, AllowanceError: 9,
  BalanceError: 10, BalanceDeauthorizedError: 11, OverflowError: 12, TrustlineMissingError: 13,
} as const

export const I64_MAX = (1n << 63n) - 1n

export const sacError = (code: number, message: string): HostError => new HostError(ErrorType.Contract, code, message)

/** What the contract holds: the native asset, or an issued asset with its code and issuer (`G…`). */
export type AssetRef = { readonly type: 'native' } | { readonly type: 'credit', readonly code: string, readonly issuer: string }

export const assetName = (a: AssetRef): string => (a.type === 'native' ? 'native' : `${a.code}:${a.issuer}`)

export function account(ledger: SorobanLedger, id: string): AccountEntry {
  const a = ledger.accounts.get(id)
  if (a === undefined) throw sacError(SacError.AccountMissingError, `account entry ${id} is missing`)
  return a
}

function trustline(ledger: SorobanLedger, id: string, asset: AssetRef): TrustlineEntry {
  const t = ledger.trustlines.get(trustlineKey(id, assetName(asset)))
  if (t === undefined) throw sacError(SacError.TrustlineMissingError, `trustline entry is missing for account ${id}`)
  return t
}

const isIssuer = (asset: AssetRef, id: string): boolean => asset.type === 'credit' && asset.issuer === id

/** Flags of the issuer's account; a missing issuer is `Error(Storage, MissingValue)` as the host's account load. */
export function issuerFlagSet(ledger: SorobanLedger, asset: AssetRef, flag: number): boolean {
  if (asset.type === 'native') return false
  const a = ledger.accounts.get(asset.issuer)
  if (a === undefined) throw new HostError(ErrorType.Storage, ErrorCode.MissingValue, `issuer account ${asset.issuer} is missing`)
  return (a.flags & flag) !== 0
}

function accountRange(baseReserve: number, a: AccountEntry): [bigint, bigint] {
  if (a.balance < 0n) throw sacError(SacError.InternalError, 'initial balance is negative')
  return [BigInt(2 + a.numSubEntries) * BigInt(baseReserve), I64_MAX]
}

function trustlineRange(t: TrustlineEntry): [bigint, bigint] {
  if (t.balance < 0n) throw sacError(SacError.InternalError, 'initial balance is negative')
  return [0n, t.limit]
}

/** The classic balance of `id` in the asset. */
export function classicBalance(ledger: SorobanLedger, baseReserve: number, asset: AssetRef, id: string): bigint {
  if (isIssuer(asset, id)) return I64_MAX
  const entry = asset.type === 'native' ? account(ledger, id) : trustline(ledger, id, asset)
  const [min, max] = asset.type === 'native' ? accountRange(baseReserve, entry as AccountEntry) : trustlineRange(entry as TrustlineEntry)
  if (entry.balance < min) throw sacError(SacError.InternalError, 'balance below the minimum')
  if (entry.balance > max) throw sacError(SacError.InternalError, 'balance above the maximum')
  return entry.balance
}

/** Adds `amount` (i64, may be negative) to the classic balance; the issuer's own balance does not move. */
export function moveClassic(ledger: SorobanLedger, baseReserve: number, asset: AssetRef, id: string, amount: bigint): void {
  if (isIssuer(asset, id)) return
  if (asset.type === 'native') {
    const a = account(ledger, id)
    const [min, max] = accountRange(baseReserve, a)
    const next = checkedI64(a.balance + amount)
    if (next < min || next > max) throw sacError(SacError.BalanceError, `resulting balance ${next} is not within [${min}, ${max}]`)
    ledger.accounts.set(id, { ...a, balance: next })
    return
  }
  const t = trustline(ledger, id, asset)
  const [min, max] = trustlineRange(t)
  const next = checkedI64(t.balance + amount)
  if (next < min || next > max) throw sacError(SacError.BalanceError, `resulting balance ${next} is not within [${min}, ${max}]`)
  ledger.trustlines.set(trustlineKey(id, assetName(asset)), { ...t, balance: next })
}

function checkedI64(v: bigint): bigint {
  if (v > I64_MAX || v < -I64_MAX - 1n) throw sacError(SacError.BalanceError, 'resulting balance overflow')
  return v
}

export function classicAuthorized(ledger: SorobanLedger, asset: AssetRef, id: string): boolean {
  if (asset.type === 'native' || isIssuer(asset, id)) return true
  return (trustline(ledger, id, asset).flags & TrustlineFlag.Authorized) !== 0
}

export function setClassicAuthorized(ledger: SorobanLedger, asset: AssetRef, id: string, authorize: boolean): void {
  if (asset.type === 'native') throw sacError(SacError.OperationNotSupportedError, 'expected trustline asset')
  if (isIssuer(asset, id)) throw sacError(SacError.OperationNotSupportedError, "issuer doesn't have a trustline")
  const t = trustline(ledger, id, asset)
  if (((t.flags & TrustlineFlag.Authorized) !== 0) === authorize) return
  const flags = authorize
    ? (t.flags & ~TrustlineFlag.AuthorizedToMaintainLiabilities) | TrustlineFlag.Authorized
    : (t.flags & ~TrustlineFlag.Authorized) | TrustlineFlag.AuthorizedToMaintainLiabilities
  ledger.trustlines.set(trustlineKey(id, assetName(asset)), { ...t, flags })
}

export function checkClassicClawback(ledger: SorobanLedger, asset: AssetRef, id: string): void {
  if (asset.type === 'native') throw sacError(SacError.OperationNotSupportedError, 'cannot clawback native asset')
  if (isIssuer(asset, id)) throw sacError(SacError.OperationNotSupportedError, 'cannot clawback from issuer')
  if ((trustline(ledger, id, asset).flags & TrustlineFlag.ClawbackEnabled) === 0) throw sacError(SacError.BalanceError, "trustline isn't clawbackable")
}

/** Creates or replaces a classic account (XLM balance in stroops). */
export function setAccount(ledger: SorobanLedger, id: string, a: { balance: bigint, numSubEntries?: number, flags?: number }): void {
  ledger.accounts.set(id, { balance: a.balance, numSubEntries: a.numSubEntries ?? 0, flags: a.flags ?? 0 })
}

/**
 * Creates or replaces `account`'s trustline to an issued asset (`CODE:ISSUER`).
 * By default unlimited (i64::MAX) and authorized; `clawback` sets the
 * trustline's clawback flag.
 */
export function setTrustline(ledger: SorobanLedger, account: string, asset: string,
  t: { balance?: bigint, limit?: bigint, authorized?: boolean, clawback?: boolean } = {}): void {
  const flags = (t.authorized === false ? 0 : TrustlineFlag.Authorized) | (t.clawback === true ? TrustlineFlag.ClawbackEnabled : 0)
  ledger.trustlines.set(trustlineKey(account, asset), { account, asset, balance: t.balance ?? 0n, limit: t.limit ?? I64_MAX, flags })
}
