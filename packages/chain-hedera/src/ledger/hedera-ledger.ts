/**
 * The Hedera ledger: accounts, HBAR, HTS tokens and HCS topics over a
 * JournaledState. Every operation answers the network's response code (22
 * SUCCESS) and changes nothing unless it succeeds; every change is journaled
 * with the state, so reverting a checkpoint (a failed frame or transaction)
 * undoes it. Reads return immutable records.
 */
import type { Address } from '@zvm/primitives'
import type { JournaledState } from '@zvm/state'
import { entityIdToAddress } from '../ids.ts'
import { tokenProxyCode } from '../token-proxy.ts'
import * as accounts from './accounts.ts'
import * as associations from './associations.ts'
import { restoreSnapshot, toSnapshot, type LedgerSnapshot } from './snapshot.ts'
import { LedgerStore, type LedgerOptions } from './store.ts'
import * as supply from './supply.ts'
import * as tokens from './tokens.ts'
import * as topics from './topics.ts'
import * as transfers from './transfers.ts'
import type { AccountRecord, ConsensusTime, NftRecord, TokenRecord, TokenRelation, TopicRecord } from './types.ts'

/**
 * A Hedera ledger journaled with `state`.
 *
 * @example
 * ```ts
 * import { JournaledState } from '@zvm/state'
 * import { HederaLedger } from '@zvm/chain-hedera'
 * const ledger = new HederaLedger(new JournaledState())
 * const { accountId, address } = ledger.createAccount({ initialBalance: 100n })
 * const t = ledger.createToken({ name: 'Gold', symbol: 'AU', treasury: accountId!, initialSupply: 1000n, caller: address! })
 * ledger.balanceOf(t.tokenId!, accountId!) // 1000n
 * ```
 */
export class HederaLedger {
  readonly #s: LedgerStore

  constructor(state: JournaledState, options: LedgerOptions = {}) {
    this.#s = new LedgerStore(state, options)
  }

  /** A ledger read from a snapshot (see {@link HederaLedger.snapshot}); throws LedgerSnapshotError for a bad one. */
  static fromSnapshot(json: unknown, state: JournaledState, options: LedgerOptions = {}): HederaLedger {
    const shard = typeof json === 'object' && json !== null ? (json as { shard?: unknown }).shard : undefined
    const realm = typeof json === 'object' && json !== null ? (json as { realm?: unknown }).realm : undefined
    const ledger = new HederaLedger(state, {
      ...options,
      shard: typeof shard === 'string' && /^\d+$/.test(shard) ? BigInt(shard) : options.shard,
      realm: typeof realm === 'string' && /^\d+$/.test(realm) ? BigInt(realm) : options.realm,
    })
    restoreSnapshot(ledger.#s, json)
    // Token accounts run the redirect proxy (token-proxy.ts); a state restored alongside may already hold it.
    for (const token of ledger.#s.tokens.values()) {
      const address = entityIdToAddress(token.id)
      if (state.getCode(address).length === 0) state.setCode(address, tokenProxyCode(address))
    }
    return ledger
  }

  /** The state the ledger journals with (and keeps HBAR in). */
  get state(): JournaledState { return this.#s.state }
  get shard(): bigint { return this.#s.shard }
  get realm(): bigint { return this.#s.realm }

  /** Consensus time used for running hashes, expiries and HEDERA_TIMESTAMP (unless a `clock` option was given). */
  get consensusTime(): ConsensusTime { return this.#s.now() }
  set consensusTime(time: ConsensusTime) { this.#s.consensusTime = time }

  // --- accounts and HBAR ---
  createAccount(options: accounts.CreateAccountOptions = {}): accounts.CreateAccountResult { return accounts.createAccount(this.#s, options) }
  transferHbar(options: accounts.TransferHbarOptions): number { return accounts.transferHbar(this.#s, options) }
  /**
   * The hollow account (spec §6) of an EVM address that received HBAR without a
   * ledger account — an EVM value transfer, say: alias = `address`, no key,
   * unlimited auto-associations. Undefined when the address already has an
   * account or cannot have a hollow one (a long-zero address of this shard and realm).
   */
  createHollowAccount(address: Address): AccountRecord | undefined {
    const alias = this.#s.hollowCandidate(address)
    return alias === undefined || this.#s.account(alias) !== undefined ? undefined : accounts.createHollowAccount(this.#s, alias)
  }
  /** An account by id, long-zero address or alias. */
  getAccount(ref: string): AccountRecord | undefined { return this.#s.account(ref) }
  /** The entity id a reference names (`shard.realm.num`, an alias, or a long-zero address), known or not. */
  resolveId(ref: string): string | undefined { return this.#s.idOf(ref) }
  /** The EVM address holding an account's HBAR. */
  evmAddressOf(ref: string): Address | undefined {
    const a = this.#s.account(ref)
    return a ? this.#s.evmAddress(a) : undefined
  }
  /**
   * Tinybar. An entity without a ledger account — a system account such as
   * the fee collector 0.0.98 — answers the HBAR at its long-zero address;
   * an unknown EVM address answers its state balance.
   */
  hbarBalance(ref: string): bigint {
    const a = this.#s.account(ref)
    if (a) return this.#s.state.getBalance(this.#s.evmAddress(a))
    const id = this.#s.idOf(ref)
    if (id !== undefined) return this.#s.state.getBalance(entityIdToAddress(id))
    return /^0x[0-9a-fA-F]{40}$/.test(ref) ? this.#s.state.getBalance(ref.toLowerCase() as Address) : 0n
  }
  /** True when `caller` satisfies the account's key (docs/hedera.md). */
  signs(account: string, caller: Address): boolean {
    const a = this.#s.account(account)
    return a !== undefined && this.#s.signs(a, caller)
  }

  // --- tokens ---
  createToken(options: tokens.CreateTokenOptions): tokens.CreateTokenResult { return tokens.createToken(this.#s, options) }
  updateToken(options: tokens.UpdateTokenOptions): number { return tokens.updateToken(this.#s, options) }
  deleteToken(options: tokens.TokenOperationOptions): number { return tokens.deleteToken(this.#s, options) }
  pauseToken(options: tokens.TokenOperationOptions): number { return tokens.setPaused(this.#s, options, true) }
  unpauseToken(options: tokens.TokenOperationOptions): number { return tokens.setPaused(this.#s, options, false) }
  freeze(options: tokens.TokenAccountOptions): number { return tokens.setRelationFlag(this.#s, options, 'frozen', true) }
  unfreeze(options: tokens.TokenAccountOptions): number { return tokens.setRelationFlag(this.#s, options, 'frozen', false) }
  grantKyc(options: tokens.TokenAccountOptions): number { return tokens.setRelationFlag(this.#s, options, 'kycGranted', true) }
  revokeKyc(options: tokens.TokenAccountOptions): number { return tokens.setRelationFlag(this.#s, options, 'kycGranted', false) }
  mint(options: supply.MintOptions): supply.MintResult { return supply.mint(this.#s, options) }
  burn(options: supply.BurnOptions): { code: number; totalSupply?: bigint } { return supply.burn(this.#s, options) }
  wipe(options: supply.WipeOptions): number { return supply.wipe(this.#s, options) }
  associate(options: associations.AssociationOptions): number { return associations.associate(this.#s, options) }
  dissociate(options: associations.AssociationOptions): number { return associations.dissociate(this.#s, options) }
  transferToken(options: transfers.TransferTokenOptions): number { return transfers.transferToken(this.#s, options) }
  transferNft(options: transfers.TransferNftOptions): number { return transfers.transferNft(this.#s, options) }
  approve(options: transfers.ApproveOptions): number { return transfers.approve(this.#s, options) }
  approveNft(options: transfers.ApproveNftOptions): number { return transfers.approveNft(this.#s, options) }
  setApprovalForAll(options: transfers.ApproveForAllOptions): number { return transfers.setApprovalForAll(this.#s, options) }

  getToken(ref: string): TokenRecord | undefined { return this.#s.token(ref) }
  /** Every token's id, in creation order (deleted ones included). */
  tokenIds(): string[] { return [...this.#s.tokens.keys()] }
  /** The account's relation to the token (its association), if any. */
  getRelation(token: string, account: string): TokenRelation | undefined {
    const t = this.#s.idOf(token), a = this.#s.idOf(account)
    return t === undefined || a === undefined ? undefined : this.#s.relation(t, a)
  }
  isAssociated(token: string, account: string): boolean { return this.getRelation(token, account) !== undefined }
  /** Fungible units, or NFTs owned (0 when not associated). */
  balanceOf(token: string, account: string): bigint { return this.getRelation(token, account)?.balance ?? 0n }
  allowance(token: string, owner: string, spender: string): bigint {
    const ids = [owner, token, spender].map((r) => this.#s.idOf(r))
    return ids.includes(undefined) ? 0n : this.#s.allowances.get(ids.join('|')) ?? 0n
  }
  isApprovedForAll(token: string, owner: string, operator: string): boolean {
    const ids = [owner, token, operator].map((r) => this.#s.idOf(r))
    return !ids.includes(undefined) && this.#s.operators.has(ids.join('|'))
  }
  getNft(token: string, serial: bigint): NftRecord | undefined {
    const t = this.#s.idOf(token)
    return t === undefined ? undefined : this.#s.nfts.get(`${t}/${serial}`)
  }

  // --- topics ---
  createTopic(options: topics.CreateTopicOptions): { code: number; topicId?: string } { return topics.createTopic(this.#s, options) }
  updateTopic(options: topics.UpdateTopicOptions): number { return topics.updateTopic(this.#s, options) }
  deleteTopic(options: { topic: string; caller: Address }): number { return topics.deleteTopic(this.#s, options) }
  submitMessage(options: topics.SubmitMessageOptions): topics.SubmitMessageResult { return topics.submitMessage(this.#s, options) }
  getTopic(ref: string): TopicRecord | undefined { return this.#s.topic(ref) }

  // --- snapshot ---
  /** The ledger as JSON-ready data (`format: 'zvm-hedera-ledger', version: 1`); equal ledgers give equal snapshots. */
  snapshot(): LedgerSnapshot { return toSnapshot(this.#s) }
}
