/**
 * The ledger's data and the one way to change it: `put`/`remove` replace a
 * map entry and journal the previous one with `state.recordUndo`, so a
 * reverted checkpoint of the JournaledState undoes ledger changes in order
 * with the state's own. HBAR balances live in the state itself, at each
 * account's EVM address (its alias, else its long-zero address).
 */
import type { Address } from '@zvm/primitives'
import type { JournaledState } from '@zvm/state'
import { addressToParts, entityIdToAddress, formatEntityId, parseEntityId } from '../ids.ts'
import { ecdsaKeyToAlias, type LedgerKey } from './keys.ts'
import type { AccountRecord, ConsensusTime, NftRecord, TokenRecord, TokenRelation, TopicRecord } from './types.ts'

/** Options of a ledger. */
export interface LedgerOptions {
  /** Shard and realm of every new entity (default 0, 0). */
  shard?: bigint
  realm?: bigint
  /** The first entity number handed out (default 1001). */
  firstEntityNum?: bigint
  /** `tokens.maxPerAccount`: associations an account may have (default 1000). */
  maxTokensPerAccount?: number
  /** HCS message limit in bytes (default 1024). */
  maxMessageBytes?: number
  /** Consensus time of the running transaction (default: the ledger's `consensusTime` field). */
  clock?: () => ConsensusTime
  /**
   * Keys whose signatures the host has verified (a local network checks a
   * transaction's signatures before the ledger runs it): a key this answers
   * true for authorizes any caller. Default: none.
   */
  signedBy?: (key: LedgerKey) => boolean
}

export class LedgerStore {
  readonly state: JournaledState
  readonly shard: bigint
  readonly realm: bigint
  readonly maxTokensPerAccount: number
  readonly maxMessageBytes: number
  readonly clock: (() => ConsensusTime) | undefined
  readonly signedBy: ((key: LedgerKey) => boolean) | undefined
  consensusTime: ConsensusTime = { seconds: 0n, nanos: 0 }

  nextNum: bigint
  readonly accounts = new Map<string, AccountRecord>()
  /** EVM alias → account id. */
  readonly aliases = new Map<Address, string>()
  readonly tokens = new Map<string, TokenRecord>()
  /** `token|account` → relation. */
  readonly relations = new Map<string, TokenRelation>()
  /** `token/serial` → NFT. */
  readonly nfts = new Map<string, NftRecord>()
  /** `owner|token|spender` → fungible allowance. */
  readonly allowances = new Map<string, bigint>()
  /** `owner|token|operator` → approved for all serials. */
  readonly operators = new Map<string, true>()
  readonly topics = new Map<string, TopicRecord>()

  constructor(state: JournaledState, options: LedgerOptions = {}) {
    this.state = state
    this.shard = options.shard ?? 0n
    this.realm = options.realm ?? 0n
    this.nextNum = options.firstEntityNum ?? 1001n
    this.maxTokensPerAccount = options.maxTokensPerAccount ?? 1000
    this.maxMessageBytes = options.maxMessageBytes ?? 1024
    this.clock = options.clock
    this.signedBy = options.signedBy
  }

  now(): ConsensusTime {
    return this.clock ? this.clock() : this.consensusTime
  }

  // --- journaled changes ---

  put<K, V>(map: Map<K, V>, key: K, value: V): void {
    const had = map.has(key)
    const previous = map.get(key)
    map.set(key, value)
    this.state.recordUndo(had ? () => map.set(key, previous as V) : () => map.delete(key))
  }

  remove<K, V>(map: Map<K, V>, key: K): void {
    if (!map.has(key)) return
    const previous = map.get(key) as V
    map.delete(key)
    this.state.recordUndo(() => map.set(key, previous))
  }

  newEntityId(): string {
    const num = this.nextNum
    this.nextNum = num + 1n
    this.state.recordUndo(() => { this.nextNum = num })
    return formatEntityId({ shard: this.shard, realm: this.realm, num })
  }

  // --- lookups ---

  /** The entity id a reference names: `shard.realm.num`, or an address (alias first, then long-zero in this shard and realm). */
  idOf(ref: string): string | undefined {
    if (typeof ref !== 'string') return undefined
    if (ref.startsWith('0x')) {
      const address = ref.toLowerCase() as Address
      if (!/^0x[0-9a-f]{40}$/.test(address)) return undefined
      const aliased = this.aliases.get(address)
      if (aliased !== undefined) return aliased
      const p = addressToParts(address)
      return p.shard === this.shard && p.realm === this.realm && p.num < 1n << 63n ? formatEntityId(p) : undefined
    }
    try { return formatEntityId(parseEntityId(ref)) } catch { return undefined }
  }

  account(ref: string): AccountRecord | undefined {
    const id = this.idOf(ref)
    return id === undefined ? undefined : this.accounts.get(id)
  }

  token(ref: string): TokenRecord | undefined {
    const id = this.idOf(ref)
    return id === undefined ? undefined : this.tokens.get(id)
  }

  topic(ref: string): TopicRecord | undefined {
    const id = this.idOf(ref)
    return id === undefined ? undefined : this.topics.get(id)
  }

  /** An unknown EVM address that a transfer may turn into a hollow account (not long-zero in this shard and realm). */
  hollowCandidate(ref: string): Address | undefined {
    if (typeof ref !== 'string' || !/^0x[0-9a-fA-F]{40}$/.test(ref)) return undefined
    const address = ref.toLowerCase() as Address
    if (this.aliases.has(address)) return undefined
    const p = addressToParts(address)
    return p.shard === this.shard && p.realm === this.realm ? undefined : address
  }

  /** The address holding an account's HBAR in the state. */
  evmAddress(account: AccountRecord): Address {
    return account.alias ?? entityIdToAddress(account.id)
  }

  relation(token: string, account: string): TokenRelation | undefined {
    return this.relations.get(`${token}|${account}`)
  }

  // --- authorization (docs/hedera.md: the caller is the key's entity) ---

  isAuthorized(key: LedgerKey | undefined, caller: Address): boolean {
    if (key === undefined) return false
    if (this.signedBy?.(key) === true) return true
    const callerAddress = caller.toLowerCase() as Address
    let keyAddress: Address | undefined
    if (key.kind === 'entity') keyAddress = key.address
    else if (key.kind === 'ecdsa') keyAddress = ecdsaKeyToAlias(key.bytes)
    if (keyAddress === undefined) return false
    if (keyAddress === callerAddress) return true
    const a = this.idOf(keyAddress), b = this.idOf(callerAddress)
    return a !== undefined && a === b && this.accounts.has(a)
  }

  /** The account signs: the caller is the account, or satisfies its key. */
  signs(account: AccountRecord, caller: Address): boolean {
    if (this.idOf(caller) === account.id) return true
    return this.isAuthorized(account.key, caller)
  }
}
