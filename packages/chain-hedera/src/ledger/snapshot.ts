/**
 * The ledger as JSON: `{ "format": "zvm-hedera-ledger", "version": 1, … }`.
 * Integers that may exceed 2^53 are decimal strings, bytes are 0x hex;
 * entries are sorted, so equal ledgers give equal snapshots whatever order
 * their changes came in. HBAR balances are read from (and restored into) the
 * JournaledState. A bad snapshot is refused with a LedgerSnapshotError that
 * names the field.
 */
import { bytesToHex, hexToBytes, type Address } from '@zvm/primitives'
import { LedgerSnapshotError } from '../errors.ts'
import { formatEntityId, parseEntityId } from '../ids.ts'
import type { LedgerKey } from './keys.ts'
import type { LedgerStore } from './store.ts'
import { TOKEN_KEY_NAMES, type AccountRecord, type TokenKeys, type TokenRecord, type TopicRecord } from './types.ts'

export const SNAPSHOT_FORMAT = 'zvm-hedera-ledger'
export const SNAPSHOT_VERSION = 1

export type KeyJson = { entity: string } | { ecdsa: string } | { ed25519: string }

/** The JSON shape of a snapshot. */
export interface LedgerSnapshot {
  format: typeof SNAPSHOT_FORMAT
  version: typeof SNAPSHOT_VERSION
  shard: string
  realm: string
  nextEntityNum: string
  accounts: { id: string; alias: string | null; key: KeyJson | null; maxAutoAssociations: number; usedAutoAssociations: number; associations: number; memo: string; balance: string }[]
  tokens: {
    id: string; type: 'fungible' | 'nonFungible'; name: string; symbol: string; memo: string; decimals: number; treasury: string
    totalSupply: string; supplyType: 'infinite' | 'finite'; maxSupply: string; freezeDefault: boolean; keys: Record<string, KeyJson>
    expiry: string; autoRenewAccount: string | null; autoRenewPeriod: string; paused: boolean; deleted: boolean; lastSerial: string
  }[]
  relations: { token: string; account: string; balance: string; frozen: boolean; kycGranted: boolean; automatic: boolean }[]
  nfts: { token: string; serial: string; owner: string; metadata: string; spender: string | null }[]
  allowances: { owner: string; token: string; spender: string; amount: string }[]
  operators: { owner: string; token: string; operator: string }[]
  topics: { id: string; memo: string; adminKey: KeyJson | null; submitKey: KeyJson | null; autoRenewAccount: string | null; sequenceNumber: string; runningHash: string; expiry: string; deleted: boolean }[]
}

function keyToJson(key: LedgerKey): KeyJson {
  return key.kind === 'entity' ? { entity: key.address } : key.kind === 'ecdsa' ? { ecdsa: bytesToHex(key.bytes) } : { ed25519: bytesToHex(key.bytes) }
}

function byId<T>(entries: Iterable<[string, T]>): [string, T][] {
  const compare = (a: string, b: string) => {
    const x = a.split(/[|/.]/), y = b.split(/[|/.]/)
    for (let i = 0; i < Math.max(x.length, y.length); i++) {
      const d = BigInt(/^\d+$/.test(x[i] ?? '') ? x[i] : 0) - BigInt(/^\d+$/.test(y[i] ?? '') ? y[i] : 0)
      if (d !== 0n) return d < 0n ? -1 : 1
      if ((x[i] ?? '') !== (y[i] ?? '')) return (x[i] ?? '') < (y[i] ?? '') ? -1 : 1
    }
    return 0
  }
  return [...entries].sort((a, b) => compare(a[0], b[0]))
}

export function toSnapshot(s: LedgerStore): LedgerSnapshot {
  return {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    shard: String(s.shard),
    realm: String(s.realm),
    nextEntityNum: String(s.nextNum),
    accounts: byId(s.accounts).map(([, a]) => ({
      id: a.id, alias: a.alias ?? null, key: a.key ? keyToJson(a.key) : null, maxAutoAssociations: a.maxAutoAssociations,
      usedAutoAssociations: a.usedAutoAssociations, associations: a.associations, memo: a.memo, balance: String(s.state.getBalance(s.evmAddress(a))),
    })),
    tokens: byId(s.tokens).map(([, t]) => ({
      id: t.id, type: t.type, name: t.name, symbol: t.symbol, memo: t.memo, decimals: t.decimals, treasury: t.treasury,
      totalSupply: String(t.totalSupply), supplyType: t.supplyType, maxSupply: String(t.maxSupply), freezeDefault: t.freezeDefault,
      keys: Object.fromEntries(TOKEN_KEY_NAMES.filter((k) => t.keys[k]).map((k) => [k, keyToJson(t.keys[k]!)])),
      expiry: String(t.expiry), autoRenewAccount: t.autoRenewAccount ?? null, autoRenewPeriod: String(t.autoRenewPeriod),
      paused: t.paused, deleted: t.deleted, lastSerial: String(t.lastSerial),
    })),
    relations: byId(s.relations).map(([k, r]) => {
      const [token, account] = k.split('|')
      return { token, account, balance: String(r.balance), frozen: r.frozen, kycGranted: r.kycGranted, automatic: r.automatic }
    }),
    nfts: byId(s.nfts).map(([k, n]) => {
      const [token, serial] = k.split('/')
      return { token, serial, owner: n.owner, metadata: bytesToHex(n.metadata), spender: n.spender ?? null }
    }),
    allowances: byId(s.allowances).map(([k, amount]) => {
      const [owner, token, spender] = k.split('|')
      return { owner, token, spender, amount: String(amount) }
    }),
    operators: byId(s.operators).map(([k]) => {
      const [owner, token, operator] = k.split('|')
      return { owner, token, operator }
    }),
    topics: byId(s.topics).map(([, t]) => ({
      id: t.id, memo: t.memo, adminKey: t.adminKey ? keyToJson(t.adminKey) : null, submitKey: t.submitKey ? keyToJson(t.submitKey) : null,
      autoRenewAccount: t.autoRenewAccount ?? null, sequenceNumber: String(t.sequenceNumber), runningHash: bytesToHex(t.runningHash),
      expiry: String(t.expiry), deleted: t.deleted,
    })),
  }
}

// --- reading, with the path of every field ---

type Obj = Record<string, unknown>
const fail = (path: string, problem: string): never => { throw new LedgerSnapshotError(path, problem) }

function obj(v: unknown, path: string): Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : fail(path, 'must be an object')
}
function arr(o: Obj, field: string, path: string): unknown[] {
  const v = o[field]
  return Array.isArray(v) ? v : fail(`${path}${field}`, 'must be an array')
}
function str(o: Obj, field: string, path: string): string {
  const v = o[field]
  return typeof v === 'string' ? v : fail(`${path}${field}`, `must be a string, got ${JSON.stringify(v) ?? 'undefined'}`)
}
function optStr(o: Obj, field: string, path: string): string | undefined {
  return o[field] === null ? undefined : str(o, field, path)
}
function bool(o: Obj, field: string, path: string): boolean {
  const v = o[field]
  return typeof v === 'boolean' ? v : fail(`${path}${field}`, `must be a boolean, got ${JSON.stringify(v) ?? 'undefined'}`)
}
function int(o: Obj, field: string, path: string, min: number): number {
  const v = o[field]
  return Number.isSafeInteger(v) && (v as number) >= min ? (v as number) : fail(`${path}${field}`, `must be an integer >= ${min}, got ${JSON.stringify(v) ?? 'undefined'}`)
}
function big(o: Obj, field: string, path: string, signed = false): bigint {
  const v = str(o, field, path)
  return (signed ? /^-?\d+$/ : /^\d+$/).test(v) ? BigInt(v) : fail(`${path}${field}`, `must be a decimal integer string, got ${JSON.stringify(v)}`)
}
function hex(o: Obj, field: string, path: string, length?: number): Uint8Array {
  const v = str(o, field, path)
  let bytes: Uint8Array
  try { bytes = hexToBytes(v) } catch { return fail(`${path}${field}`, `must be 0x hex, got ${JSON.stringify(v)}`) }
  return length === undefined || bytes.length === length ? bytes : fail(`${path}${field}`, `must be ${length} bytes, got ${bytes.length}`)
}
function id(o: Obj, field: string, path: string): string {
  const v = str(o, field, path)
  try { return formatEntityId(parseEntityId(v)) } catch { return fail(`${path}${field}`, `must be an entity id shard.realm.num, got ${JSON.stringify(v)}`) }
}
function optId(o: Obj, field: string, path: string): string | undefined {
  return o[field] === null ? undefined : id(o, field, path)
}
function address(o: Obj, field: string, path: string): Address {
  const v = str(o, field, path)
  return /^0x[0-9a-f]{40}$/.test(v) ? (v as Address) : fail(`${path}${field}`, `must be a lowercase 20-byte 0x address, got ${JSON.stringify(v)}`)
}
function oneOf<T extends string>(o: Obj, field: string, path: string, values: readonly T[]): T {
  const v = str(o, field, path)
  return (values as readonly string[]).includes(v) ? (v as T) : fail(`${path}${field}`, `must be one of ${values.join(', ')}, got ${JSON.stringify(v)}`)
}
function key(v: unknown, path: string): LedgerKey | undefined {
  if (v === null) return undefined
  const o = obj(v, path)
  const kinds = Object.keys(o)
  if (kinds.length !== 1) return fail(path, 'must have exactly one of entity, ecdsa, ed25519')
  if (kinds[0] === 'entity') return { kind: 'entity', address: address(o, 'entity', `${path}.`) }
  if (kinds[0] === 'ecdsa') return { kind: 'ecdsa', bytes: hex(o, 'ecdsa', `${path}.`) }
  if (kinds[0] === 'ed25519') return { kind: 'ed25519', bytes: hex(o, 'ed25519', `${path}.`, 32) }
  return fail(path, `has unknown key kind ${JSON.stringify(kinds[0])}`)
}

/** Reads a snapshot into an empty store (balances into its state). */
export function restoreSnapshot(s: LedgerStore, json: unknown): void {
  const root = obj(json, 'snapshot')
  if (root.format !== SNAPSHOT_FORMAT) fail('format', `must be "${SNAPSHOT_FORMAT}", got ${JSON.stringify(root.format) ?? 'undefined'}`)
  if (root.version !== SNAPSHOT_VERSION) fail('version', `must be ${SNAPSHOT_VERSION}, got ${JSON.stringify(root.version) ?? 'undefined'}`)
  if (big(root, 'shard', '') !== s.shard || big(root, 'realm', '') !== s.realm) fail('shard', `and realm must match the ledger's ${s.shard}.${s.realm}`)
  s.nextNum = big(root, 'nextEntityNum', '')
  const balances: [AccountRecord, bigint][] = []
  arr(root, 'accounts', '').forEach((v, i) => {
    const p = `accounts[${i}].`, o = obj(v, p.slice(0, -1))
    const account: AccountRecord = {
      id: id(o, 'id', p), alias: o.alias === null ? undefined : address(o, 'alias', p), key: key(o.key, `${p}key`),
      maxAutoAssociations: int(o, 'maxAutoAssociations', p, -1), usedAutoAssociations: int(o, 'usedAutoAssociations', p, 0),
      associations: int(o, 'associations', p, 0), memo: str(o, 'memo', p),
    }
    s.accounts.set(account.id, account)
    if (account.alias) s.aliases.set(account.alias, account.id)
    balances.push([account, big(o, 'balance', p)])
  })
  arr(root, 'tokens', '').forEach((v, i) => {
    const p = `tokens[${i}].`, o = obj(v, p.slice(0, -1))
    const keysObj = obj(o.keys, `${p}keys`)
    const keys: { -readonly [K in keyof TokenKeys]: TokenKeys[K] } = {}
    for (const [name, k] of Object.entries(keysObj)) {
      if (!(TOKEN_KEY_NAMES as readonly string[]).includes(name)) fail(`${p}keys.${name}`, 'is not a token key name')
      keys[name as keyof TokenKeys] = key(k, `${p}keys.${name}`)
    }
    const token: TokenRecord = {
      id: id(o, 'id', p), type: oneOf(o, 'type', p, ['fungible', 'nonFungible'] as const), name: str(o, 'name', p), symbol: str(o, 'symbol', p),
      memo: str(o, 'memo', p), decimals: int(o, 'decimals', p, 0), treasury: id(o, 'treasury', p), totalSupply: big(o, 'totalSupply', p),
      supplyType: oneOf(o, 'supplyType', p, ['infinite', 'finite'] as const), maxSupply: big(o, 'maxSupply', p), freezeDefault: bool(o, 'freezeDefault', p),
      keys, expiry: big(o, 'expiry', p, true), autoRenewAccount: optId(o, 'autoRenewAccount', p), autoRenewPeriod: big(o, 'autoRenewPeriod', p),
      paused: bool(o, 'paused', p), deleted: bool(o, 'deleted', p), lastSerial: big(o, 'lastSerial', p),
    }
    s.tokens.set(token.id, token)
  })
  arr(root, 'relations', '').forEach((v, i) => {
    const p = `relations[${i}].`, o = obj(v, p.slice(0, -1))
    s.relations.set(`${id(o, 'token', p)}|${id(o, 'account', p)}`, {
      balance: big(o, 'balance', p), frozen: bool(o, 'frozen', p), kycGranted: bool(o, 'kycGranted', p), automatic: bool(o, 'automatic', p),
    })
  })
  arr(root, 'nfts', '').forEach((v, i) => {
    const p = `nfts[${i}].`, o = obj(v, p.slice(0, -1))
    s.nfts.set(`${id(o, 'token', p)}/${big(o, 'serial', p)}`, { owner: id(o, 'owner', p), metadata: hex(o, 'metadata', p), spender: optId(o, 'spender', p) })
  })
  arr(root, 'allowances', '').forEach((v, i) => {
    const p = `allowances[${i}].`, o = obj(v, p.slice(0, -1))
    s.allowances.set(`${id(o, 'owner', p)}|${id(o, 'token', p)}|${id(o, 'spender', p)}`, big(o, 'amount', p))
  })
  arr(root, 'operators', '').forEach((v, i) => {
    const p = `operators[${i}].`, o = obj(v, p.slice(0, -1))
    s.operators.set(`${id(o, 'owner', p)}|${id(o, 'token', p)}|${id(o, 'operator', p)}`, true)
  })
  arr(root, 'topics', '').forEach((v, i) => {
    const p = `topics[${i}].`, o = obj(v, p.slice(0, -1))
    const topic: TopicRecord = {
      id: id(o, 'id', p), memo: str(o, 'memo', p), adminKey: key(o.adminKey, `${p}adminKey`), submitKey: key(o.submitKey, `${p}submitKey`),
      autoRenewAccount: optId(o, 'autoRenewAccount', p), sequenceNumber: big(o, 'sequenceNumber', p), runningHash: hex(o, 'runningHash', p, 48),
      expiry: big(o, 'expiry', p, true), deleted: bool(o, 'deleted', p),
    }
    s.topics.set(topic.id, topic)
  })
  for (const [account, balance] of balances) {
    const at = s.evmAddress(account)
    if (s.state.getBalance(at) !== balance) s.state.setBalance(at, balance)
  }
}
