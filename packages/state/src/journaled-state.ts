/**
 * Journaled state over a StateDatabase: accounts and slots are cached on first
 * read, every change is recorded in an undo log, and a checkpoint is just the
 * log's length (revm's journal). Reverting replays the log backwards, so
 * storage, balances, nonces, code, existence, created/destroyed flags, warm
 * sets (EIP-2929), transient storage (EIP-1153) and logs all roll back.
 * The database is only written at the end of a transaction.
 */
import { keepHiddenClass, type Address, type Hex } from '@zvm/primitives'
import { codeHashOf, KECCAK_EMPTY } from './constants.ts'
import { CheckpointError, InsufficientBalanceError } from './errors.ts'
import type { JournalEntry } from './journal.ts'
import { MemoryDatabase } from './memory-database.ts'
import type { AccountDiff, Checkpoint, Log, StateDatabase, StateDiff } from './types.ts'

interface AccountEntry {
  exists: boolean
  balance: bigint
  nonce: bigint
  codeHash: Hex
  code: Uint8Array | undefined
  /** Current values of slots read or written in this transaction. */
  storage: Map<bigint, bigint>
  /** Created in this transaction: slots not in `storage` read as zero. */
  storageCleared: boolean
  created: boolean
  selfDestructed: boolean
  touched: boolean
}

/** Options for {@link JournaledState.finalizeTransaction}. */
/** Anything that answers membership of an address (a Set, or a Map keyed by address). */
export interface AddressSet {
  has(address: Address): boolean
}

export interface FinalizeOptions {
  /** EIP-161: delete accounts touched in the transaction that end up empty. */
  deleteEmptyTouched?: boolean
}

/**
 * The state the interpreter runs against.
 *
 * @example
 * ```ts
 * import { JournaledState } from '@zvm/state'
 * const s = new JournaledState()
 * const a = '0x00000000000000000000000000000000000000aa'
 * const cp = s.checkpoint()
 * s.sstore(a, 1n, 42n)
 * s.revert(cp)
 * s.sload(a, 1n) // 0n
 * ```
 */
export class JournaledState {
  readonly db: StateDatabase
  readonly #accounts = new Map<Address, AccountEntry>()
  /** Slot values at the start of the transaction (EIP-2200). */
  readonly #original = new Map<Address, Map<bigint, bigint>>()
  /** Accounts written to, in first-write order. */
  readonly #changed = new Set<Address>()
  readonly #warmAddresses = new Set<Address>()
  readonly #warmSlots = new Map<Address, Set<bigint>>()
  readonly #transient = new Map<Address, Map<bigint, bigint>>()
  #logs: Log[] = []
  #journal: JournalEntry[] = []
  #depth = 0
  // Addresses warm for the whole transaction without a journal entry each (a chain's precompiles).
  #alwaysWarm: AddressSet | undefined = undefined

  constructor(db: StateDatabase = new MemoryDatabase()) {
    this.db = db
  }

  // --- accounts ---

  #load(address: Address): AccountEntry {
    let a = this.#accounts.get(address)
    if (a) return a
    const info = this.db.getAccount(address)
    a = {
      exists: info !== undefined,
      balance: info?.balance ?? 0n,
      nonce: info?.nonce ?? 0n,
      codeHash: info?.codeHash ?? KECCAK_EMPTY,
      code: undefined,
      storage: new Map(),
      storageCleared: false,
      created: false,
      selfDestructed: false,
      touched: false,
    }
    this.#accounts.set(address, a)
    return a
  }

  #write(address: Address): AccountEntry {
    const a = this.#load(address)
    // Every modification touches the account (EIP-161), as in geth's state objects.
    this.touch(address)
    if (!a.exists) {
      this.#journal.push({ kind: 'exists', address, previous: false })
      a.exists = true
    }
    return a
  }

  /** True when the account exists (has been created or funded, and not deleted). */
  exists(address: Address): boolean {
    return this.#load(address).exists
  }

  /** EIP-161 emptiness: no code, zero nonce, zero balance. */
  isEmpty(address: Address): boolean {
    const a = this.#load(address)
    return a.balance === 0n && a.nonce === 0n && a.codeHash === KECCAK_EMPTY
  }

  getBalance(address: Address): bigint {
    return this.#load(address).balance
  }

  setBalance(address: Address, value: bigint): void {
    const a = this.#write(address)
    this.#journal.push({ kind: 'balance', address, previous: a.balance })
    a.balance = value
  }

  addBalance(address: Address, value: bigint): void {
    this.setBalance(address, this.getBalance(address) + value)
  }

  /** Subtracts `value`; throws InsufficientBalanceError rather than going negative. */
  subBalance(address: Address, value: bigint): void {
    const balance = this.getBalance(address)
    if (balance < value) throw new InsufficientBalanceError(address, balance, value)
    this.setBalance(address, balance - value)
  }

  /** Moves `value` from `from` to `to`; false (and no change) when `from` cannot pay. */
  transfer(from: Address, to: Address, value: bigint): boolean {
    if (this.getBalance(from) < value) return false
    this.touch(to)
    if (value === 0n) return true
    this.subBalance(from, value)
    this.addBalance(to, value)
    return true
  }

  getNonce(address: Address): bigint {
    return this.#load(address).nonce
  }

  setNonce(address: Address, nonce: bigint): void {
    const a = this.#write(address)
    this.#journal.push({ kind: 'nonce', address, previous: a.nonce })
    a.nonce = nonce
  }

  incrementNonce(address: Address): void {
    this.setNonce(address, this.getNonce(address) + 1n)
  }

  getCode(address: Address): Uint8Array {
    const a = this.#load(address)
    if (a.code === undefined) a.code = a.codeHash === KECCAK_EMPTY ? new Uint8Array(0) : this.db.getCode(a.codeHash)
    return a.code
  }

  /** The code hash (KECCAK_EMPTY for accounts without code, existing or not). */
  getCodeHash(address: Address): Hex {
    return this.#load(address).codeHash
  }

  setCode(address: Address, code: Uint8Array): void {
    const a = this.#write(address)
    this.#journal.push({ kind: 'code', address, previousHash: a.codeHash, previousCode: a.code })
    a.code = code
    a.codeHash = codeHashOf(code)
  }

  /** Marks the account touched (EIP-161), without creating it. */
  touch(address: Address): void {
    const a = this.#load(address)
    if (a.touched) return
    this.#changed.add(address)
    this.#journal.push({ kind: 'touch', address })
    a.touched = true
  }

  /**
   * Marks the account created in this transaction (EIP-6780) and gives it empty
   * storage; an existing balance is kept.
   */
  createAccount(address: Address): void {
    const a = this.#write(address)
    this.#journal.push({ kind: 'create', address, storage: a.storage, storageCleared: a.storageCleared, created: a.created })
    a.storage = new Map()
    a.storageCleared = true
    a.created = true
  }

  wasCreatedInTransaction(address: Address): boolean {
    return this.#load(address).created
  }

  /**
   * True when the account has any non-zero slot (EIP-7610 collision check).
   * Database slots count as present even if this transaction zeroed them all:
   * the database cannot enumerate slots, and creating over such an account is
   * refused either way by its nonce or code in practice.
   */
  hasStorage(address: Address): boolean {
    const a = this.#load(address)
    for (const v of a.storage.values()) if (v !== 0n) return true
    if (a.storageCleared) return false
    return this.db.hasStorage?.(address) ?? false
  }

  // --- storage ---

  sload(address: Address, key: bigint): bigint {
    const a = this.#load(address)
    const v = a.storage.get(key)
    if (v !== undefined) return v
    const value = a.storageCleared ? 0n : this.getOriginalStorage(address, key)
    a.storage.set(key, value)
    return value
  }

  sstore(address: Address, key: bigint, value: bigint): void {
    const a = this.#write(address)
    const previous = a.storage.has(key) ? a.storage.get(key) : undefined
    if (previous === undefined && !a.storageCleared) this.getOriginalStorage(address, key)
    this.#journal.push({ kind: 'storage', address, key, previous })
    a.storage.set(key, value)
  }

  /** The slot's value at the start of the transaction. */
  getOriginalStorage(address: Address, key: bigint): bigint {
    let slots = this.#original.get(address)
    if (!slots) {
      slots = new Map()
      this.#original.set(address, slots)
    }
    let v = slots.get(key)
    if (v === undefined) {
      v = this.db.getStorage(address, key)
      slots.set(key, v)
    }
    return v
  }

  // --- access lists (EIP-2929) ---

  /** Warms the address; returns true when it was cold. */
  warmAddress(address: Address): boolean {
    if (this.#warmAddresses.has(address) || this.#alwaysWarm?.has(address) === true) return false
    this.#warmAddresses.add(address)
    this.#journal.push({ kind: 'warmAddress', address })
    return true
  }

  isWarmAddress(address: Address): boolean {
    return this.#warmAddresses.has(address) || this.#alwaysWarm?.has(address) === true
  }

  /** Warms the slot; returns true when it was cold. */
  warmSlot(address: Address, key: bigint): boolean {
    let slots = this.#warmSlots.get(address)
    if (!slots) {
      slots = new Set()
      this.#warmSlots.set(address, slots)
    }
    if (slots.has(key)) return false
    slots.add(key)
    this.#journal.push({ kind: 'warmSlot', address, key })
    return true
  }

  isWarmSlot(address: Address, key: bigint): boolean {
    return this.#warmSlots.get(address)?.has(key) ?? false
  }

  // --- transient storage (EIP-1153) ---

  tload(address: Address, key: bigint): bigint {
    return this.#transient.get(address)?.get(key) ?? 0n
  }

  tstore(address: Address, key: bigint, value: bigint): void {
    let slots = this.#transient.get(address)
    if (!slots) {
      slots = new Map()
      this.#transient.set(address, slots)
    }
    this.#journal.push({ kind: 'transient', address, key, previous: slots.get(key) ?? 0n })
    slots.set(key, value)
  }

  // --- logs ---

  addLog(log: Log): void {
    this.#logs.push(log)
  }

  get logs(): readonly Log[] {
    return this.#logs
  }

  // --- self-destruct (EIP-6780) ---

  /**
   * Sends the balance to `beneficiary`. Only an account created in this
   * transaction is deleted (and a self-beneficiary's balance burned).
   */
  selfDestruct(address: Address, beneficiary: Address): void {
    const a = this.#load(address)
    const balance = a.balance
    this.touch(beneficiary)
    if (a.created) {
      if (beneficiary !== address) this.addBalance(beneficiary, balance)
      this.setBalance(address, 0n)
      if (!a.selfDestructed) {
        this.#journal.push({ kind: 'selfDestruct', address, previous: false })
        a.selfDestructed = true
      }
    } else if (beneficiary !== address && balance !== 0n) {
      this.setBalance(address, 0n)
      this.addBalance(beneficiary, balance)
    }
  }

  isSelfDestructed(address: Address): boolean {
    return this.#load(address).selfDestructed
  }

  // --- checkpoints ---

  /**
   * Journals a change made to data kept outside this state (a chain's own
   * ledger, say): reverting any checkpoint that contains it calls `undo`,
   * in reverse order with the state's own changes. Outside a checkpoint the
   * change simply stays, like any other.
   *
   * @example
   * ```ts
   * import { JournaledState } from '@zvm/state'
   * const state = new JournaledState()
   * const tokens = new Map<string, bigint>()
   * const cp = state.checkpoint()
   * tokens.set('0.0.1001', 100n)
   * state.recordUndo(() => tokens.delete('0.0.1001'))
   * state.revert(cp)
   * tokens.size // 0
   * ```
   */
  recordUndo(undo: () => void): void {
    if (this.#depth > 0) this.#journal.push({ kind: 'external', undo })
  }

  /** A savepoint; pass it back to exactly one of commit or revert, innermost first. */
  checkpoint(): Checkpoint {
    this.#depth++
    return { journalLength: this.#journal.length, logLength: this.#logs.length, depth: this.#depth }
  }

  #close(cp: Checkpoint, verb: string): void {
    if (cp.depth !== this.#depth || cp.journalLength > this.#journal.length) {
      throw new CheckpointError(`cannot ${verb} checkpoint at depth ${cp.depth}: the innermost open checkpoint is at depth ${this.#depth}`)
    }
    this.#depth--
  }

  /** Keeps the changes since `cp`; they now belong to the enclosing checkpoint. */
  commit(cp: Checkpoint): void {
    this.#close(cp, 'commit')
  }

  /** Undoes every change since `cp`. */
  revert(cp: Checkpoint): void {
    this.#close(cp, 'revert')
    const journal = this.#journal
    while (journal.length > cp.journalLength) this.#undo(journal.pop()!)
    this.#logs.length = cp.logLength
  }

  #undo(e: JournalEntry): void {
    if (e.kind === 'external') { e.undo(); return }
    const a = this.#accounts.get(e.address)!
    switch (e.kind) {
      case 'balance': a.balance = e.previous; break
      case 'nonce': a.nonce = e.previous; break
      case 'code': a.codeHash = e.previousHash; a.code = e.previousCode; break
      case 'exists': a.exists = e.previous; break
      case 'storage':
        if (e.previous === undefined) a.storage.delete(e.key)
        else a.storage.set(e.key, e.previous)
        break
      case 'warmAddress': this.#warmAddresses.delete(e.address); break
      case 'warmSlot': this.#warmSlots.get(e.address)!.delete(e.key); break
      case 'transient': this.#transient.get(e.address)!.set(e.key, e.previous); break
      case 'touch': a.touched = false; break
      case 'create': a.storage = e.storage; a.storageCleared = e.storageCleared; a.created = e.created; break
      case 'selfDestruct': a.selfDestructed = e.previous; break
    }
  }

  // --- transaction lifecycle ---

  /**
   * Starts a transaction: nothing warm, no transient storage, no logs. Changes
   * made outside a transaction (genesis setup through the setters) are written
   * to the database first, so they become the transaction's starting state.
   * `alwaysWarm` (e.g. the chain's precompiles) are warm for the whole
   * transaction at no cost per address (EIP-2929).
   */
  beginTransaction(alwaysWarm?: AddressSet): void {
    if (this.#changed.size > 0) this.finalizeTransaction()
    else this.#clearTransaction()
    this.#alwaysWarm = alwaysWarm
  }

  #clearTransaction(): void {
    // clear() reallocates a collection's storage, so empty ones are left alone.
    if (this.#accounts.size > 0) this.#accounts.clear()
    if (this.#original.size > 0) this.#original.clear()
    if (this.#changed.size > 0) this.#changed.clear()
    if (this.#warmAddresses.size > 0) this.#warmAddresses.clear()
    if (this.#warmSlots.size > 0) this.#warmSlots.clear()
    if (this.#transient.size > 0) this.#transient.clear()
    this.#logs = []
    if (this.#journal.length > 0) this.#journal = []
    this.#depth = 0
    this.#alwaysWarm = undefined
  }

  /**
   * Ends the transaction: computes what changed, writes it to the database and
   * clears per-transaction data (journal, warm sets, transient storage, logs).
   */
  finalizeTransaction(options: FinalizeOptions = {}): StateDiff {
    const accounts: AccountDiff[] = []
    for (const address of this.#changed) {
      const a = this.#accounts.get(address)!
      const before = this.db.getAccount(address)
      const emptyTouched = options.deleteEmptyTouched === true && a.touched && this.isEmpty(address)
      if (a.selfDestructed || (emptyTouched && a.exists) || (!a.exists && before !== undefined)) {
        accounts.push({ address, deleted: true, balance: 0n, nonce: 0n, codeHash: KECCAK_EMPTY, storage: new Map(), storageCleared: true })
        continue
      }
      if (!a.exists || emptyTouched) continue
      const storage = new Map<bigint, bigint>()
      for (const [k, v] of a.storage) if (a.storageCleared ? v !== 0n : v !== this.getOriginalStorage(address, k)) storage.set(k, v)
      const codeChanged = (before?.codeHash ?? KECCAK_EMPTY) !== a.codeHash
      const same = before !== undefined && before.balance === a.balance && before.nonce === a.nonce && !codeChanged && storage.size === 0 && !a.storageCleared
      if (same) continue
      const diff: AccountDiff = { address, deleted: false, balance: a.balance, nonce: a.nonce, codeHash: a.codeHash, storage, storageCleared: a.storageCleared }
      if (codeChanged) diff.code = this.getCode(address)
      accounts.push(diff)
    }
    const result = { accounts }
    this.db.apply(result)
    this.#clearTransaction()
    return result
  }
}

// The engine's optimised code embeds these classes' hidden classes: keep one idle instance of each (see keepHiddenClass).
keepHiddenClass(new JournaledState(new MemoryDatabase()))
