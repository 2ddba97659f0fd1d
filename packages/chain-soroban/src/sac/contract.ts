/**
 * The Stellar Asset Contract (SAC): the host's built-in SEP-41 token for the
 * native asset (XLM) and for issued assets, as rs-soroban-env implements it.
 *
 * State lives where the real contract keeps it, as the same ScVals:
 * instance storage holds `["AssetInfo"]`, `"METADATA"` ({decimal, name,
 * symbol}) and `["Admin"]` (issued assets only; the issuer at creation);
 * persistent `["Balance", C…]` entries hold contract balances
 * ({amount, authorized, clawback}); temporary `["Allowance", {from, spender}]`
 * entries hold allowances ({amount, live_until_ledger}). Balances of `G…`
 * addresses are classic: the account's XLM or its trustline (see classic.ts).
 *
 * Functions, argument checks, errors (`Error(Contract, #n)` with the SAC's
 * `ContractError` codes), authorization (`require_auth` of `from`/`spender`/
 * the admin for the whole call) and events follow the real host; from
 * protocol 23 events follow CAP-67 (no admin topic on mint/clawback/
 * set_authorized; a transfer from or to the issuer is reported as mint or
 * burn). Not provided: muxed `to` addresses and the `trust` function.
 */
import { Address, StrKey, xdr } from '@stellar/stellar-base'
import { Cost } from '../budget.ts'
import { ErrorCode, ErrorType, HostError } from '../errors.ts'
import { dataKey, scKey, type ContractEntry, type Durability } from '../ledger.ts'
import type { Invocation } from '../host/invocation.ts'
import { newFrame } from '../host/frame.ts'
import { boolVal, Tag, tagOf, majorOf, u32Val, VOID } from '../val.ts'
import {
  AccountFlag, assetName, checkClassicClawback, classicAuthorized, classicBalance, I64_MAX, issuerFlagSet, moveClassic,
  SacError, sacError, setClassicAuthorized, type AssetRef,
} from './classic.ts'

export const SAC_DECIMALS = 7
const DAY_IN_LEDGERS = 17_280
const INSTANCE_EXTEND = 7 * DAY_IN_LEDGERS
const INSTANCE_THRESHOLD = INSTANCE_EXTEND - DAY_IN_LEDGERS
const BALANCE_EXTEND = 30 * DAY_IN_LEDGERS
const BALANCE_THRESHOLD = BALANCE_EXTEND - DAY_IN_LEDGERS
const I128_MAX = (1n << 127n) - 1n
const I128_MIN = -(1n << 127n)

const sym = (s: string): xdr.ScVal => xdr.ScVal.scvSymbol(s)
const addrVal = (a: string): xdr.ScVal => Address.fromString(a).toScVal()
const i128Val = (v: bigint): xdr.ScVal => xdr.ScVal.scvI128(new xdr.Int128Parts({ hi: new xdr.Int64(BigInt.asIntN(64, v >> 64n)), lo: new xdr.Uint64(BigInt.asUintN(64, v)) }))
const u32ScVal = (n: number): xdr.ScVal => xdr.ScVal.scvU32(n)
const mapVal = (entries: [string, xdr.ScVal][]): xdr.ScVal =>
  xdr.ScVal.scvMap(entries.map(([k, v]) => new xdr.ScMapEntry({ key: sym(k), val: v })))

const ADMIN_KEY = xdr.ScVal.scvVec([sym('Admin')])
const ASSET_INFO_KEY = xdr.ScVal.scvVec([sym('AssetInfo')])
const METADATA_KEY = sym('METADATA')
const balanceKey = (a: string): xdr.ScVal => xdr.ScVal.scvVec([sym('Balance'), addrVal(a)])
const allowanceKey = (from: string, spender: string): xdr.ScVal =>
  xdr.ScVal.scvVec([sym('Allowance'), mapVal([['from', addrVal(from)], ['spender', addrVal(spender)]])])

const internal = (message: string): HostError => new HostError(ErrorType.Context, ErrorCode.InternalError, message)
const conversion = (message: string): HostError => new HostError(ErrorType.Value, ErrorCode.UnexpectedType, message)

function field(v: xdr.ScVal, name: string): xdr.ScVal {
  const e = (v.switch().name === 'scvMap' ? v.map() ?? [] : []).find((x) => x.key().switch().name === 'scvSymbol' && x.key().sym().toString() === name)
  if (e === undefined) throw internal(`stored value has no field ${name}`)
  return e.val()
}
const i128Of = (v: xdr.ScVal): bigint => (v.i128().hi().toBigInt() << 64n) | v.i128().lo().toBigInt()

/** The asset of a `xdr.Asset` value, validated as stellar-core's `isAssetValid`. */
export function assetRefOf(asset: xdr.Asset): { ref: AssetRef, codeBytes: Uint8Array | undefined } {
  switch (asset.switch().name) {
    case 'assetTypeNative': return { ref: { type: 'native' }, codeBytes: undefined }
    case 'assetTypeCreditAlphanum4': case 'assetTypeCreditAlphanum12': {
      const a = asset.switch().name === 'assetTypeCreditAlphanum4' ? asset.alphaNum4() : asset.alphaNum12()
      // stellar-base hands the code out as a string when it built the value, as a Buffer when it decoded it.
      const raw: Buffer | string = a.assetCode()
      const code = Uint8Array.from(typeof raw === 'string' ? Buffer.from(raw, 'latin1') : raw)
      validateCode(code)
      const issuer = StrKey.encodeEd25519PublicKey(a.issuer().ed25519())
      return { ref: { type: 'credit', code: new TextDecoder().decode(code.subarray(0, code.indexOf(0) < 0 ? code.length : code.indexOf(0))), issuer }, codeBytes: code }
    }
    default: throw new HostError(ErrorType.Value, ErrorCode.InvalidInput, 'unsupported asset type')
  }
}

function validateCode(code: Uint8Array): void {
  const invalid = (m: string): HostError => new HostError(ErrorType.Value, ErrorCode.InvalidInput, m)
  let hadZero = false
  let chars = 0
  for (const c of code) {
    if (c === 0) { hadZero = true; continue }
    if (hadZero) throw invalid("asset code can't have 0 character in the middle")
    const alnum = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
    if (!alnum) throw invalid('asset code has invalid character')
    chars++
  }
  if (chars === 0) throw invalid("asset code doesn't have non-0 characters")
  if (chars <= 4 && code.length > 4) throw invalid('asset codes with 4 characters or less should have `CreditAlphanum4` type')
}

/** The contract id (32 bytes) of the asset's contract: sha256 of `HashIdPreimage::ContractId` with `ContractIdPreimage::Asset`. */
export function assetContractPreimage(networkId: Uint8Array, asset: xdr.Asset): Buffer {
  return xdr.HashIdPreimage.envelopeTypeContractId(new xdr.HashIdPreimageContractId({
    networkId: Buffer.from(networkId),
    contractIdPreimage: xdr.ContractIdPreimage.contractIdPreimageFromAsset(asset),
  })).toXDR()
}

/** Writes the instance of a new asset contract (the SAC's `init_asset`). */
export function initAssetContract(entry: ContractEntry, asset: xdr.Asset): void {
  const { ref, codeBytes } = assetRefOf(asset)
  const put = (k: xdr.ScVal, v: xdr.ScVal): void => { entry.storage.set(scKey(k), { key: k, val: v }) }
  let name = 'native'
  let symbol: Uint8Array = new TextEncoder().encode('native')
  if (ref.type === 'native') {
    put(ASSET_INFO_KEY, xdr.ScVal.scvVec([sym('Native')]))
  } else {
    const code = codeBytes as Uint8Array
    put(ADMIN_KEY, addrVal(ref.issuer))
    put(ASSET_INFO_KEY, xdr.ScVal.scvVec([sym(code.length === 4 ? 'AlphaNum4' : 'AlphaNum12'), mapVal([
      ['asset_code', xdr.ScVal.scvString(Buffer.from(code))],
      ['issuer', xdr.ScVal.scvBytes(Buffer.from(StrKey.decodeEd25519PublicKey(ref.issuer)))],
    ])]))
    // The code string keeps the XDR padding (as the real contract stores it); the name is SEP-11 rendered.
    name = `${ref.code}:${ref.issuer}`
    symbol = code
  }
  put(METADATA_KEY, mapVal([['decimal', u32ScVal(SAC_DECIMALS)], ['name', xdr.ScVal.scvString(name)], ['symbol', xdr.ScVal.scvString(Buffer.from(symbol))]]))
}

/** Reads the asset back from instance storage. */
function assetOf(entry: ContractEntry): AssetRef {
  const info = entry.storage.get(scKey(ASSET_INFO_KEY))?.val
  const parts = info?.switch().name === 'scvVec' ? info.vec() ?? [] : []
  const variant = parts[0]?.switch().name === 'scvSymbol' ? parts[0].sym().toString() : undefined
  if (variant === 'Native') return { type: 'native' }
  if ((variant === 'AlphaNum4' || variant === 'AlphaNum12') && parts[1] !== undefined) {
    const code = Uint8Array.from(field(parts[1], 'asset_code').str() as Buffer)
    const end = code.indexOf(0) < 0 ? code.length : code.indexOf(0)
    return { type: 'credit', code: new TextDecoder().decode(code.subarray(0, end)), issuer: StrKey.encodeEd25519PublicKey(Buffer.from(field(parts[1], 'issuer').bytes())) }
  }
  throw new HostError(ErrorType.Storage, ErrorCode.MissingValue, 'asset contract has no asset info')
}

type ArgKind = 'address' | 'i128' | 'u32' | 'bool' | 'bytes'
type Decoded = string | bigint | number | boolean
interface Fn { args: readonly ArgKind[], run: (c: Sac, a: Decoded[]) => bigint }

/** One call of the asset contract: its frame's view of the ledger. */
class Sac {
  readonly h: Invocation
  readonly contract: string
  readonly entry: ContractEntry
  readonly asset: AssetRef
  constructor(h: Invocation, contract: string, entry: ContractEntry) {
    this.h = h
    this.contract = contract
    this.entry = entry
    this.asset = assetOf(entry)
  }

  get seq(): number { return this.h.env.info.sequence }
  get name(): string { return assetName(this.asset) }
  get modern(): boolean { return this.h.env.info.protocolVersion >= 23 }

  private extended(liveUntil: number, threshold: number, extendTo: number): number {
    return liveUntil - this.seq < threshold ? Math.max(liveUntil, this.seq + extendTo) : liveUntil
  }

  extendInstance(): void {
    this.entry.liveUntil = this.extended(this.entry.liveUntil, INSTANCE_THRESHOLD, INSTANCE_EXTEND)
  }

  admin(): string {
    this.h.budget.chargeCpu(Cost.storageAccess)
    const v = this.entry.storage.get(scKey(ADMIN_KEY))?.val
    if (v === undefined) throw new HostError(ErrorType.Storage, ErrorCode.MissingValue, 'asset contract has no admin')
    return Address.fromScVal(v).toString()
  }

  /** A live contract-data entry of this contract (an archived persistent one is an error, an expired temporary one absent). */
  get(durability: Durability, key: xdr.ScVal): xdr.ScVal | undefined {
    this.h.budget.chargeCpu(Cost.storageAccess)
    const e = this.h.ledger.data.get(dataKey(this.contract, durability, key))
    if (e === undefined) return undefined
    if (e.liveUntil < this.seq) {
      if (durability === 'temporary') return undefined
      throw new HostError(ErrorType.Storage, ErrorCode.InvalidAction, 'persistent entry is archived (restore it first)')
    }
    return e.val
  }

  put(durability: Durability, key: xdr.ScVal, val: xdr.ScVal, extend?: { threshold: number, to: number }): void {
    this.h.budget.chargeCpu(Cost.storageAccess)
    const k = dataKey(this.contract, durability, key)
    const old = this.h.ledger.data.get(k)
    const info = this.h.env.info
    let liveUntil = old !== undefined && old.liveUntil >= this.seq ? old.liveUntil : this.seq + (durability === 'temporary' ? info.minTemporaryTtl : info.minPersistentTtl) - 1
    if (extend !== undefined) {
      if (extend.to > info.maxEntryTtl - 1) throw new HostError(ErrorType.Storage, ErrorCode.InvalidInput, `extend_to ${extend.to} above the maximum TTL ${info.maxEntryTtl - 1}`)
      liveUntil = this.extended(liveUntil, extend.threshold, extend.to)
    }
    this.h.ledger.data.set(k, { contract: this.contract, durability, key, val, liveUntil })
  }

  event(topics: xdr.ScVal[], data: xdr.ScVal): void {
    this.h.events.push({ contractId: this.contract, topics: [...topics, xdr.ScVal.scvString(this.name)], data })
  }

  isIssuer(a: string): boolean { return this.asset.type === 'credit' && this.asset.issuer === a }

  // ---- balances ----

  private contractBalance(a: string): { amount: bigint, authorized: boolean, clawback: boolean } | undefined {
    const v = this.get('persistent', balanceKey(a))
    if (v === undefined) return undefined
    return { amount: i128Of(field(v, 'amount')), authorized: field(v, 'authorized').b(), clawback: field(v, 'clawback').b() }
  }

  private writeContractBalance(a: string, b: { amount: bigint, authorized: boolean, clawback: boolean }): void {
    this.put('persistent', balanceKey(a), mapVal([['amount', i128Val(b.amount)], ['authorized', xdr.ScVal.scvBool(b.authorized)], ['clawback', xdr.ScVal.scvBool(b.clawback)]]),
      { threshold: BALANCE_THRESHOLD, to: BALANCE_EXTEND })
  }

  private flag(flag: number): boolean { return issuerFlagSet(this.h.ledger, this.asset, flag) }

  balance(a: string): bigint {
    if (a.startsWith('G')) return classicBalance(this.h.ledger, this.h.env.info.baseReserve, this.asset, a)
    const b = this.contractBalance(a)
    if (b !== undefined) this.writeContractBalance(a, b) // reading extends the entry's TTL
    return b?.amount ?? 0n
  }

  authorized(a: string): boolean {
    if (a.startsWith('G')) return classicAuthorized(this.h.ledger, this.asset, a)
    const b = this.contractBalance(a)
    return b === undefined ? !this.flag(AccountFlag.AuthRequired) : b.authorized
  }

  receive(a: string, amount: bigint): void {
    if (!this.authorized(a)) throw sacError(SacError.BalanceDeauthorizedError, 'balance is deauthorized')
    if (a.startsWith('G')) {
      if (amount > I64_MAX) throw sacError(SacError.OverflowError, 'received amount is too large for an i64')
      moveClassic(this.h.ledger, this.h.env.info.baseReserve, this.asset, a, amount)
      return
    }
    const b = this.contractBalance(a) ?? { amount: 0n, authorized: true, clawback: this.flag(AccountFlag.AuthClawbackEnabled) }
    const next = b.amount + amount
    if (next > I128_MAX) throw sacError(SacError.OverflowError, 'balance overflow in receive_balance')
    this.writeContractBalance(a, { ...b, amount: next })
  }

  spend(a: string, amount: bigint, checkAuthorized = true): void {
    if (checkAuthorized && !this.authorized(a)) throw sacError(SacError.BalanceDeauthorizedError, 'balance is deauthorized')
    if (a.startsWith('G')) {
      if (amount > I64_MAX) throw sacError(SacError.OverflowError, 'spent amount is too large for an i64')
      moveClassic(this.h.ledger, this.h.env.info.baseReserve, this.asset, a, -amount)
      return
    }
    const b = this.contractBalance(a)
    if (b === undefined) {
      if (amount > 0n) throw sacError(SacError.BalanceError, 'zero balance is not sufficient to spend')
      return
    }
    if (b.amount < amount) throw sacError(SacError.BalanceError, 'balance is not sufficient to spend')
    this.writeContractBalance(a, { ...b, amount: b.amount - amount })
  }

  setAuthorized(a: string, authorize: boolean): void {
    if (!authorize && !this.flag(AccountFlag.AuthRevocable)) throw sacError(SacError.OperationNotSupportedError, 'issuer does not have AUTH_REVOCABLE set')
    if (a.startsWith('G')) { setClassicAuthorized(this.h.ledger, this.asset, a, authorize); return }
    const b = this.contractBalance(a) ?? { amount: 0n, authorized: authorize, clawback: this.flag(AccountFlag.AuthClawbackEnabled) }
    this.writeContractBalance(a, { ...b, authorized: authorize })
  }

  checkClawback(a: string): void {
    if (a.startsWith('G')) { checkClassicClawback(this.h.ledger, this.asset, a); return }
    const b = this.contractBalance(a)
    if (b === undefined) throw sacError(SacError.BalanceError, 'no balance to clawback')
    if (!b.clawback) throw sacError(SacError.BalanceError, "balance isn't clawbackable")
  }

  // ---- allowances ----

  allowance(from: string, spender: string): { amount: bigint, liveUntil: number } | undefined {
    const v = this.get('temporary', allowanceKey(from, spender))
    if (v === undefined) return undefined
    return { amount: i128Of(field(v, 'amount')), liveUntil: field(v, 'live_until_ledger').u32() }
  }

  readAllowance(from: string, spender: string): bigint {
    const a = this.allowance(from, spender)
    return a === undefined || a.liveUntil < this.seq ? 0n : a.amount
  }

  writeAllowance(from: string, spender: string, amount: bigint, liveUntil: number): void {
    const maxLiveUntil = this.seq + this.h.env.info.maxEntryTtl - 1
    if (liveUntil > maxLiveUntil) throw sacError(SacError.AllowanceError, 'live_until is greater than max')
    if (amount > 0n && liveUntil < this.seq) throw sacError(SacError.AllowanceError, 'live_until must be >= ledger sequence')
    const old = this.allowance(from, spender)
    if (old === undefined && amount <= 0n) return
    const value = mapVal([['amount', i128Val(amount)], ['live_until_ledger', u32ScVal(liveUntil)]])
    const liveFor = Math.max(0, liveUntil - this.seq)
    const extend = amount > 0n && (old?.liveUntil ?? 0) < liveUntil ? { threshold: liveFor, to: liveFor } : undefined
    this.put('temporary', allowanceKey(from, spender), value, extend)
  }

  spendAllowance(from: string, spender: string, amount: bigint): void {
    const allowance = this.readAllowance(from, spender)
    if (allowance < amount) throw sacError(SacError.AllowanceError, `not enough allowance to spend: ${allowance} < ${amount}`)
    if (amount > 0n) {
      const stored = this.allowance(from, spender)
      if (stored === undefined) throw new HostError(ErrorType.Storage, ErrorCode.MissingValue, 'allowance entry is missing')
      this.writeAllowance(from, spender, allowance - amount, stored.liveUntil)
    }
  }

  // ---- checks ----

  nonNegative(amount: bigint): void {
    if (amount < 0n) throw sacError(SacError.NegativeAmountError, `negative amount is not allowed: ${amount}`)
  }
  nonNative(): void {
    if (this.asset.type === 'native') throw sacError(SacError.OperationNotSupportedError, 'operation invalid on native asset')
  }
  notIssuer(a: string): void {
    if (this.isIssuer(a)) throw sacError(SacError.OperationNotSupportedError, 'operation invalid on issuer')
  }
  auth(a: string): void { this.h.requireAuth(a, undefined) }

  transferEvent(from: string, to: string, amount: bigint): void {
    if (this.modern && from !== to && this.isIssuer(from)) this.event([sym('mint'), addrVal(to)], i128Val(amount))
    else if (this.modern && from !== to && this.isIssuer(to)) this.event([sym('burn'), addrVal(from)], i128Val(amount))
    else this.event([sym('transfer'), addrVal(from), addrVal(to)], i128Val(amount))
  }
}

const i128Result = (c: Sac, v: bigint): bigint => c.h.store.intVal('i128', v)
const str = (c: Sac, s: Uint8Array | string): bigint => c.h.store.alloc({ kind: 'string', value: typeof s === 'string' ? new TextEncoder().encode(s) : s })

function metadataField(c: Sac, name: 'name' | 'symbol'): Uint8Array {
  c.h.budget.chargeCpu(Cost.storageAccess)
  const v = c.entry.storage.get(scKey(METADATA_KEY))?.val
  if (v === undefined) throw new HostError(ErrorType.Storage, ErrorCode.MissingValue, 'asset contract has no metadata')
  return Uint8Array.from(Buffer.from(field(v, name).str() as Buffer))
}

/** The SAC's functions, in the real contract's order. */
const FUNCTIONS: Record<string, Fn> = {
  init_asset: { args: ['bytes'], run: () => { throw sacError(SacError.AlreadyInitializedError, 'StellarAssetContract has been already initialized') } },
  allowance: { args: ['address', 'address'], run: (c, [from, spender]) => { c.extendInstance(); return i128Result(c, c.readAllowance(from as string, spender as string)) } },
  approve: {
    args: ['address', 'address', 'i128', 'u32'],
    run: (c, [from, spender, amount, liveUntil]) => {
      c.nonNegative(amount as bigint)
      c.auth(from as string)
      c.extendInstance()
      c.writeAllowance(from as string, spender as string, amount as bigint, liveUntil as number)
      c.event([sym('approve'), addrVal(from as string), addrVal(spender as string)], xdr.ScVal.scvVec([i128Val(amount as bigint), u32ScVal(liveUntil as number)]))
      return VOID
    },
  },
  balance: { args: ['address'], run: (c, [a]) => { c.extendInstance(); return i128Result(c, c.balance(a as string)) } },
  authorized: { args: ['address'], run: (c, [a]) => { c.extendInstance(); return boolVal(c.authorized(a as string)) } },
  transfer: {
    args: ['address', 'address', 'i128'],
    run: (c, [from, to, amount]) => {
      c.nonNegative(amount as bigint)
      c.auth(from as string)
      c.extendInstance()
      c.spend(from as string, amount as bigint)
      c.receive(to as string, amount as bigint)
      c.transferEvent(from as string, to as string, amount as bigint)
      return VOID
    },
  },
  transfer_from: {
    args: ['address', 'address', 'address', 'i128'],
    run: (c, [spender, from, to, amount]) => {
      c.nonNegative(amount as bigint)
      c.auth(spender as string)
      c.extendInstance()
      c.spendAllowance(from as string, spender as string, amount as bigint)
      c.spend(from as string, amount as bigint)
      c.receive(to as string, amount as bigint)
      c.transferEvent(from as string, to as string, amount as bigint)
      return VOID
    },
  },
  burn: {
    args: ['address', 'i128'],
    run: (c, [from, amount]) => {
      c.nonNegative(amount as bigint)
      c.nonNative()
      c.notIssuer(from as string)
      c.auth(from as string)
      c.extendInstance()
      c.spend(from as string, amount as bigint)
      c.event([sym('burn'), addrVal(from as string)], i128Val(amount as bigint))
      return VOID
    },
  },
  burn_from: {
    args: ['address', 'address', 'i128'],
    run: (c, [spender, from, amount]) => {
      c.nonNegative(amount as bigint)
      c.nonNative()
      c.notIssuer(from as string)
      c.auth(spender as string)
      c.extendInstance()
      c.spendAllowance(from as string, spender as string, amount as bigint)
      c.spend(from as string, amount as bigint)
      c.event([sym('burn'), addrVal(from as string)], i128Val(amount as bigint))
      return VOID
    },
  },
  clawback: {
    args: ['address', 'i128'],
    run: (c, [from, amount]) => {
      c.nonNegative(amount as bigint)
      c.checkClawback(from as string)
      c.notIssuer(from as string)
      const admin = c.admin()
      c.auth(admin)
      c.extendInstance()
      c.spend(from as string, amount as bigint, false)
      c.event(c.modern ? [sym('clawback'), addrVal(from as string)] : [sym('clawback'), addrVal(admin), addrVal(from as string)], i128Val(amount as bigint))
      return VOID
    },
  },
  set_authorized: {
    args: ['address', 'bool'],
    run: (c, [id, authorize]) => {
      const admin = c.admin()
      c.auth(admin)
      c.extendInstance()
      c.setAuthorized(id as string, authorize as boolean)
      c.event(c.modern ? [sym('set_authorized'), addrVal(id as string)] : [sym('set_authorized'), addrVal(admin), addrVal(id as string)], xdr.ScVal.scvBool(authorize as boolean))
      return VOID
    },
  },
  mint: {
    args: ['address', 'i128'],
    run: (c, [to, amount]) => {
      c.nonNegative(amount as bigint)
      c.notIssuer(to as string)
      const admin = c.admin()
      c.auth(admin)
      c.extendInstance()
      c.receive(to as string, amount as bigint)
      c.event(c.modern ? [sym('mint'), addrVal(to as string)] : [sym('mint'), addrVal(admin), addrVal(to as string)], i128Val(amount as bigint))
      return VOID
    },
  },
  set_admin: {
    args: ['address'],
    run: (c, [newAdmin]) => {
      const admin = c.admin()
      c.auth(admin)
      c.extendInstance()
      c.entry.storage.set(scKey(ADMIN_KEY), { key: ADMIN_KEY, val: addrVal(newAdmin as string) })
      c.event([sym('set_admin'), addrVal(admin)], addrVal(newAdmin as string))
      return VOID
    },
  },
  admin: { args: [], run: (c) => c.h.store.alloc({ kind: 'address', value: c.admin() }) },
  decimals: { args: [], run: () => u32Val(SAC_DECIMALS) },
  name: { args: [], run: (c) => str(c, metadataField(c, 'name')) },
  symbol: { args: [], run: (c) => str(c, metadataField(c, 'symbol')) },
}

function decode(h: Invocation, kind: ArgKind, v: bigint): Decoded {
  const tag = tagOf(v)
  switch (kind) {
    case 'address': if (tag !== Tag.AddressObject) throw conversion(`expected an Address, got tag ${tag}`); return h.store.expect(v, 'address').value
    case 'i128': if (tag !== Tag.I128Small && tag !== Tag.I128Object) throw conversion(`expected an i128, got tag ${tag}`); return h.store.intOf('i128', v)
    case 'u32': if (tag !== Tag.U32) throw conversion(`expected a u32, got tag ${tag}`); return majorOf(v)
    case 'bool': if (v !== 0n && v !== 1n) throw conversion(`expected a bool, got tag ${tag}`); return v === 1n
    case 'bytes': if (tag !== Tag.BytesObject) throw conversion(`expected Bytes, got tag ${tag}`); return v
  }
}

/**
 * Runs `fn` of the asset contract at `contract` (absolute Vals in and out),
 * on its own frame so `require_auth`, re-entry checks and events see it as
 * the callee. The caller (Invocation.call) rolls state back on failure.
 */
export function runAssetContract(h: Invocation, contract: string, entry: ContractEntry, fn: string, args: readonly bigint[]): bigint {
  h.budget.chargeCpu(Cost.hostCall)
  const f = Object.hasOwn(FUNCTIONS, fn) ? FUNCTIONS[fn] : undefined
  if (f === undefined) throw new HostError(ErrorType.Value, ErrorCode.InvalidInput, `symbol not found in slice of strs: ${fn}`)
  if (args.length !== f.args.length) throw new HostError(ErrorType.Context, ErrorCode.UnexpectedSize, `wrong number of args to func ${fn}`)
  h.frames.push(newFrame(contract, fn, args))
  try {
    const decoded = f.args.map((k, i) => decode(h, k, args[i]))
    const amountAt = f.args.indexOf('i128')
    if (amountAt >= 0 && ((decoded[amountAt] as bigint) > I128_MAX || (decoded[amountAt] as bigint) < I128_MIN)) throw conversion('amount out of i128 range')
    return f.run(new Sac(h, contract, entry), decoded)
  } catch (e) {
    if (e instanceof HostError && !h.diagnostics.some((d) => d.message === e.message)) h.diagnostics.push({ contractId: contract, message: e.message, args: [] })
    throw e
  } finally {
    h.frames.pop()
  }
}
