/**
 * Soroban ledger state: contract instances (with instance storage), uploaded
 * code, and contract data entries with durability and TTL. Snapshots make
 * failed calls roll back; `toJSON`/`fromJSON` persist it (ScVals as base64 XDR).
 *
 * The file format is marked `"format": "zvm-soroban-ledger", "version": 1`.
 * `fromJSON` refuses anything else, so a JSON file passed by mistake (a
 * package.json) is never taken for a ledger and overwritten. Files written
 * before the marker existed (exactly `contracts`, `code`, `data` and
 * optionally `sequence`, `timestamp`) are still read, and gain the marker on
 * the next write.
 */
import { xdr } from '@stellar/stellar-base'
import { ZvmError } from '@zvm/primitives'

export type Durability = 'persistent' | 'temporary'

export interface LedgerInfo {
  protocolVersion: number
  sequence: number
  timestamp: bigint
  networkPassphrase: string
  minPersistentTtl: number
  minTemporaryTtl: number
  maxEntryTtl: number
  /** Stroops per reserve unit: a classic account keeps (2 + sub-entries) × this (Stellar Asset Contract). */
  baseReserve: number
}

/** The oldest and newest ledger protocols this host runs (env interface of rs-soroban-env 28). */
export const MIN_PROTOCOL = 20
export const MAX_PROTOCOL = 28

/** soroban-sdk's test defaults for TTLs; a standalone network passphrase; the newest protocol. */
export const DEFAULT_LEDGER_INFO: LedgerInfo = {
  protocolVersion: MAX_PROTOCOL,
  sequence: 1,
  timestamp: 0n,
  networkPassphrase: 'Standalone Network ; February 2017',
  minPersistentTtl: 4096,
  minTemporaryTtl: 16,
  maxEntryTtl: 6_312_000,
  baseReserve: 5_000_000,
}

export interface StoredValue { key: xdr.ScVal, val: xdr.ScVal }
/** `executable` is absent for wasm contracts; a Stellar Asset Contract has `'stellar-asset'` and an empty `wasmHash`. */
export interface ContractEntry { wasmHash: string, storage: Map<string, StoredValue>, liveUntil: number, executable?: 'stellar-asset' }
export interface CodeEntry { wasm: Uint8Array, liveUntil: number }
export interface DataEntry { contract: string, durability: Durability, key: xdr.ScVal, val: xdr.ScVal, liveUntil: number }

/**
 * A classic (G…) account as the Stellar Asset Contract sees it: its XLM
 * balance in stroops, sub-entry count (for the minimum balance) and account
 * flags (`AUTH_REQUIRED` 1, `AUTH_REVOCABLE` 2, `AUTH_CLAWBACK_ENABLED` 8).
 */
export interface AccountEntry { readonly balance: bigint, readonly numSubEntries: number, readonly flags: number }
/** A trustline (`AUTHORIZED` 1, `AUTHORIZED_TO_MAINTAIN_LIABILITIES` 2, `TRUSTLINE_CLAWBACK_ENABLED` 4). */
export interface TrustlineEntry { readonly account: string, readonly asset: string, readonly balance: bigint, readonly limit: bigint, readonly flags: number }
/** Key of a trustline: account strkey and asset (`CODE:ISSUER`). */
export const trustlineKey = (account: string, asset: string): string => `${account}|${asset}`

interface Snapshot { contracts: Map<string, ContractEntry>, code: Map<string, CodeEntry>, data: Map<string, DataEntry>, accounts: Map<string, AccountEntry>, trustlines: Map<string, TrustlineEntry> }

/** The file format of `--storage`. */
export interface LedgerFile {
  format: typeof LEDGER_FILE_FORMAT
  version: typeof LEDGER_FILE_VERSION
  sequence?: number
  timestamp?: string
  /** `executable: 'stellar-asset'` (with `wasmHash` `""`) marks a Stellar Asset Contract. */
  contracts: { address: string, wasmHash: string, liveUntil: number, storage: { key: string, val: string }[], executable?: 'stellar-asset' }[]
  code: { hash: string, wasm: string, liveUntil: number }[]
  data: { contract: string, durability: Durability, key: string, val: string, liveUntil: number }[]
  /** Classic accounts (written only when there are any); amounts are decimal strings. */
  accounts?: { id: string, balance: string, numSubEntries: number, flags: number }[]
  trustlines?: { account: string, asset: string, balance: string, limit: string, flags: number }[]
}

const LEDGER_FILE_FORMAT = 'zvm-soroban-ledger'
const LEDGER_FILE_VERSION = 1
// The fields of a file written before the format marker existed.
const UNMARKED_KEYS = new Set(['sequence', 'timestamp', 'contracts', 'code', 'data'])
const STELLAR_ASSET = 'stellar-asset'

export const scKey = (v: xdr.ScVal): string => v.toXDR('base64')
export const dataKey = (contract: string, durability: Durability, key: xdr.ScVal): string => `${contract}|${durability}|${scKey(key)}`

export class SorobanLedger {
  contracts = new Map<string, ContractEntry>()
  code = new Map<string, CodeEntry>()
  data = new Map<string, DataEntry>()
  /** Classic accounts (entries are replaced, never mutated). */
  accounts = new Map<string, AccountEntry>()
  /** Trustlines by {@link trustlineKey} (entries are replaced, never mutated). */
  trustlines = new Map<string, TrustlineEntry>()

  snapshot(): Snapshot {
    const contracts = new Map<string, ContractEntry>()
    for (const [k, c] of this.contracts) contracts.set(k, { ...c, storage: new Map(c.storage) })
    return { contracts, code: new Map(this.code), data: new Map(this.data), accounts: new Map(this.accounts), trustlines: new Map(this.trustlines) }
  }

  restore(s: Snapshot): void {
    this.contracts = s.contracts
    this.code = s.code
    this.data = s.data
    this.accounts = s.accounts
    this.trustlines = s.trustlines
  }

  toJSON(): LedgerFile {
    const file: LedgerFile = {
      format: LEDGER_FILE_FORMAT,
      version: LEDGER_FILE_VERSION,
      contracts: [...this.contracts].map(([address, c]) => ({
        address, wasmHash: c.wasmHash, liveUntil: c.liveUntil,
        storage: [...c.storage.values()].map((e) => ({ key: e.key.toXDR('base64'), val: e.val.toXDR('base64') })),
        ...(c.executable === undefined ? {} : { executable: c.executable }),
      })),
      code: [...this.code].map(([hash, c]) => ({ hash, wasm: Buffer.from(c.wasm).toString('base64'), liveUntil: c.liveUntil })),
      data: [...this.data.values()].map((d) => ({ contract: d.contract, durability: d.durability, key: d.key.toXDR('base64'), val: d.val.toXDR('base64'), liveUntil: d.liveUntil })),
    }
    if (this.accounts.size > 0) file.accounts = [...this.accounts].map(([id, a]) => ({ id, balance: a.balance.toString(), numSubEntries: a.numSubEntries, flags: a.flags }))
    if (this.trustlines.size > 0) file.trustlines = [...this.trustlines.values()].map((t) => ({ account: t.account, asset: t.asset, balance: t.balance.toString(), limit: t.limit.toString(), flags: t.flags }))
    return file
  }

  /** The `format` value of a ledger file. */
  static readonly FILE_FORMAT = LEDGER_FILE_FORMAT
  /** The `version` this code writes and reads. */
  static readonly FILE_VERSION = LEDGER_FILE_VERSION

  /**
   * Checks that `json` (parsed JSON) is a ledger file of this format and
   * version, with every field of the right type, and returns it typed (an
   * unmarked file of the earlier shape comes back with the marker added).
   * Throws a `ZvmError` with code `SOROBAN_LEDGER_FILE_INVALID` naming the
   * first problem.
   *
   * @example
   * ```ts
   * import { SorobanLedger } from '@zvm/chain-soroban'
   * const file = SorobanLedger.parseFile({ format: 'zvm-soroban-ledger', version: 1, contracts: [], code: [], data: [] })
   * console.log(file.version) // 1
   * try { SorobanLedger.parseFile({ name: 'my-app' }) } catch (e) { console.log((e as Error).message) } // not a valid ZVM Soroban ledger file: …
   * ```
   */
  static parseFile(json: unknown): LedgerFile {
    return checkLedgerFile(json)
  }

  /**
   * A ledger from its file form (see {@link SorobanLedger.parseFile}, which it applies first).
   *
   * @example
   * ```ts
   * import { SorobanLedger } from '@zvm/chain-soroban'
   * const copy = SorobanLedger.fromJSON(JSON.parse(JSON.stringify(new SorobanLedger().toJSON())))
   * console.log(copy.contracts.size) // 0
   * ```
   */
  static fromJSON(json: unknown): SorobanLedger {
    const file = checkLedgerFile(json)
    const ledger = new SorobanLedger()
    for (const [i, c] of file.contracts.entries()) {
      const storage = new Map<string, StoredValue>()
      for (const [j, e] of c.storage.entries()) {
        const key = scVal(e.key, `contracts[${i}].storage[${j}].key`)
        storage.set(scKey(key), { key, val: scVal(e.val, `contracts[${i}].storage[${j}].val`) })
      }
      ledger.contracts.set(c.address, { wasmHash: c.wasmHash, liveUntil: c.liveUntil, storage, ...(c.executable === undefined ? {} : { executable: c.executable }) })
    }
    for (const a of file.accounts ?? []) ledger.accounts.set(a.id, { balance: BigInt(a.balance), numSubEntries: a.numSubEntries, flags: a.flags })
    for (const t of file.trustlines ?? []) ledger.trustlines.set(trustlineKey(t.account, t.asset), { account: t.account, asset: t.asset, balance: BigInt(t.balance), limit: BigInt(t.limit), flags: t.flags })
    for (const c of file.code) ledger.code.set(c.hash, { wasm: Uint8Array.from(Buffer.from(c.wasm, 'base64')), liveUntil: c.liveUntil })
    for (const [i, d] of file.data.entries()) {
      const key = scVal(d.key, `data[${i}].key`)
      ledger.data.set(dataKey(d.contract, d.durability, key), { contract: d.contract, durability: d.durability, key, val: scVal(d.val, `data[${i}].val`), liveUntil: d.liveUntil })
    }
    return ledger
  }
}

function invalid(problem: string, cause?: unknown): ZvmError {
  return new ZvmError('SOROBAN_LEDGER_FILE_INVALID', `not a valid ZVM Soroban ledger file: ${problem}`, { cause })
}

function scVal(base64: string, where: string): xdr.ScVal {
  try {
    return xdr.ScVal.fromXDR(base64, 'base64')
  } catch (cause) {
    throw invalid(`${where} is not a base64 XDR ScVal`, cause)
  }
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/
const HASH = /^[0-9a-f]{64}$/

type Json = Record<string, unknown>
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)
const show = (v: unknown): string => (JSON.stringify(v) ?? String(v)).slice(0, 40)

function field<T>(o: Json, where: string, name: string, ok: (v: unknown) => v is T, what: string): T {
  const v = o[name]
  if (!ok(v)) throw invalid(`${where}${name} must be ${what}, got ${v === undefined ? 'nothing' : show(v)}`)
  return v
}
const isString = (v: unknown): v is string => typeof v === 'string'
const isBase64 = (v: unknown): v is string => typeof v === 'string' && v.length % 4 === 0 && BASE64.test(v)
const isHash = (v: unknown): v is string => typeof v === 'string' && HASH.test(v)
// Ledger sequence numbers and TTLs are u32 in Soroban.
const isU32 = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 0xffff_ffff
const isU64Text = (v: unknown): v is string => typeof v === 'string' && /^\d{1,20}$/.test(v) && BigInt(v) < 1n << 64n
const isI64Text = (v: unknown): v is string => typeof v === 'string' && /^-?\d{1,19}$/.test(v) && BigInt.asIntN(64, BigInt(v)) === BigInt(v)
const isDurability = (v: unknown): v is Durability => v === 'persistent' || v === 'temporary'

function list<T>(o: Json, where: string, name: string, item: (e: Json, at: string) => T): T[] {
  const v = o[name]
  if (!Array.isArray(v)) throw invalid(`${where}${name} must be a list, got ${v === undefined ? 'nothing' : show(v)}`)
  return v.map((e: unknown, i) => {
    const at = `${where}${name}[${i}]`
    if (!isObject(e)) throw invalid(`${at} must be an object, got ${show(e)}`)
    return item(e, `${at}.`)
  })
}

function checkLedgerFile(json: unknown): LedgerFile {
  if (!isObject(json)) throw invalid(`expected a JSON object, got ${Array.isArray(json) ? 'a list' : show(json)}`)
  if (!('format' in json)) {
    // A file of the unmarked earlier shape is upgraded; anything else is not ours.
    const keys = Object.keys(json)
    const unmarked = keys.every((k) => UNMARKED_KEYS.has(k)) && 'contracts' in json && 'code' in json && 'data' in json
    if (!unmarked) throw invalid(`no "format": "${LEDGER_FILE_FORMAT}" field (keys: ${keys.slice(0, 5).join(', ') || 'none'})`)
  } else {
    if (json.format !== LEDGER_FILE_FORMAT) throw invalid(`format is ${show(json.format)}, expected "${LEDGER_FILE_FORMAT}"`)
    if (json.version !== LEDGER_FILE_VERSION) throw invalid(`version ${show(json.version)} is not supported (this version of ZVM reads version ${LEDGER_FILE_VERSION})`)
  }
  const file: LedgerFile = {
    format: LEDGER_FILE_FORMAT,
    version: LEDGER_FILE_VERSION,
    contracts: list(json, '', 'contracts', (c, at) => {
      const asset = c.executable !== undefined
      if (asset && c.executable !== STELLAR_ASSET) throw invalid(`${at}executable must be "${STELLAR_ASSET}", got ${show(c.executable)}`)
      return {
        address: field(c, at, 'address', isString, 'a string'),
        wasmHash: asset ? field(c, at, 'wasmHash', (v): v is string => v === '', 'empty for a Stellar Asset Contract') : field(c, at, 'wasmHash', isHash, 'a 32-byte lowercase hex hash'),
        liveUntil: field(c, at, 'liveUntil', isU32, 'a ledger number (u32)'),
        storage: list(c, at, 'storage', (e, at2) => ({ key: field(e, at2, 'key', isString, 'a string'), val: field(e, at2, 'val', isString, 'a string') })),
        ...(asset ? { executable: STELLAR_ASSET } : {}),
      }
    }),
    code: list(json, '', 'code', (c, at) => ({
      hash: field(c, at, 'hash', isHash, 'a 32-byte lowercase hex hash'),
      wasm: field(c, at, 'wasm', isBase64, 'base64 text'),
      liveUntil: field(c, at, 'liveUntil', isU32, 'a ledger number (u32)'),
    })),
    data: list(json, '', 'data', (d, at) => ({
      contract: field(d, at, 'contract', isString, 'a string'),
      durability: field(d, at, 'durability', isDurability, '"persistent" or "temporary"'),
      key: field(d, at, 'key', isString, 'a string'),
      val: field(d, at, 'val', isString, 'a string'),
      liveUntil: field(d, at, 'liveUntil', isU32, 'a ledger number (u32)'),
    })),
  }
  if (json.accounts !== undefined) {
    file.accounts = list(json, '', 'accounts', (a, at) => ({
      id: field(a, at, 'id', isString, 'a string'),
      balance: field(a, at, 'balance', isI64Text, 'a decimal i64 in a string'),
      numSubEntries: field(a, at, 'numSubEntries', isU32, 'a u32'),
      flags: field(a, at, 'flags', isU32, 'a u32'),
    }))
  }
  if (json.trustlines !== undefined) {
    file.trustlines = list(json, '', 'trustlines', (t, at) => ({
      account: field(t, at, 'account', isString, 'a string'),
      asset: field(t, at, 'asset', isString, 'a string'),
      balance: field(t, at, 'balance', isI64Text, 'a decimal i64 in a string'),
      limit: field(t, at, 'limit', isI64Text, 'a decimal i64 in a string'),
      flags: field(t, at, 'flags', isU32, 'a u32'),
    }))
  }
  if (json.sequence !== undefined) file.sequence = field(json, '', 'sequence', isU32, 'a ledger number (u32)')
  if (json.timestamp !== undefined) file.timestamp = field(json, '', 'timestamp', isU64Text, 'a decimal u64 in a string')
  return file
}
