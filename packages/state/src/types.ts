/**
 * The state layer's contracts: what a storage backend implements and what the
 * journaled state offers the interpreter. Addresses are lowercase 0x hex
 * strings; storage keys and values are unsigned 256-bit bigints.
 */
import type { Address, Hex } from '@zvm/primitives'

/** An account as a backend stores it. Code is looked up by hash. */
export interface AccountInfo {
  balance: bigint
  nonce: bigint
  /** keccak256 of the code; KECCAK_EMPTY for an account without code. */
  codeHash: Hex
}

/**
 * A storage backend (in-memory, database, network...). Reads only: the
 * journaled state writes back through {@link StateDatabase.apply}.
 */
export interface StateDatabase {
  /** The account, or undefined when it does not exist. */
  getAccount(address: Address): AccountInfo | undefined
  /** A storage slot; 0n when never written. */
  getStorage(address: Address, key: bigint): bigint
  /** True when the account has any non-zero storage slot (EIP-7610); optional. */
  hasStorage?(address: Address): boolean
  /** Code by hash; an empty array for KECCAK_EMPTY or unknown hashes. */
  getCode(codeHash: Hex): Uint8Array
  /** Persists a finished transaction's changes. */
  apply(diff: StateDiff): void
}

/** One emitted log. */
export interface Log {
  address: Address
  /** 0–4 topics, each a 256-bit word. */
  topics: bigint[]
  data: Uint8Array
}

/** What one account looks like after a transaction, relative to before it. */
export interface AccountDiff {
  address: Address
  /** True when the account no longer exists (self-destructed, or touched and empty under EIP-161 when enabled). */
  deleted: boolean
  balance: bigint
  nonce: bigint
  codeHash: Hex
  /** Present only when the code changed (deployment). */
  code?: Uint8Array
  /** Written slots with their final values (0n means cleared). */
  storage: Map<bigint, bigint>
  /** When set, every slot not in `storage` is zero (account was (re)created). */
  storageCleared: boolean
}

/** The changes of one transaction, in the order accounts were first touched. */
export interface StateDiff {
  accounts: AccountDiff[]
}

/** A savepoint in the journal (opaque; only pass it back to commit/revert). */
export interface Checkpoint {
  readonly journalLength: number
  readonly logLength: number
  readonly depth: number
}
