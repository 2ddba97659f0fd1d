/** The default in-memory StateDatabase. */
import type { Address, Hex } from '@zvm/primitives'
import { codeHashOf, KECCAK_EMPTY } from './constants.ts'
import type { AccountInfo, StateDatabase, StateDiff } from './types.ts'

/** Genesis-style account description for {@link MemoryDatabase.setAccount}. */
export interface AccountSetup {
  balance?: bigint
  nonce?: bigint
  code?: Uint8Array
  storage?: Map<bigint, bigint> | Record<string, bigint>
}

/**
 * Accounts, storage and code kept in Maps.
 *
 * @example
 * ```ts
 * import { MemoryDatabase } from '@zvm/state'
 * const db = new MemoryDatabase()
 * db.setAccount('0x00000000000000000000000000000000000000aa', { balance: 5n, storage: { '1': 7n } })
 * db.getStorage('0x00000000000000000000000000000000000000aa', 1n) // 7n
 * ```
 */
export class MemoryDatabase implements StateDatabase {
  readonly #accounts = new Map<Address, AccountInfo>()
  readonly #storage = new Map<Address, Map<bigint, bigint>>()
  readonly #code = new Map<Hex, Uint8Array>()

  getAccount(address: Address): AccountInfo | undefined {
    const a = this.#accounts.get(address)
    return a ? { ...a } : undefined
  }

  getStorage(address: Address, key: bigint): bigint {
    return this.#storage.get(address)?.get(key) ?? 0n
  }

  /** True when the account has any non-zero slot (EIP-7610 collision check). */
  hasStorage(address: Address): boolean {
    const s = this.#storage.get(address)
    return s !== undefined && s.size > 0
  }

  getCode(codeHash: Hex): Uint8Array {
    return this.#code.get(codeHash) ?? new Uint8Array(0)
  }

  /** The code of the account at `address`. */
  getCodeByAddress(address: Address): Uint8Array {
    const a = this.#accounts.get(address)
    return a ? this.getCode(a.codeHash) : new Uint8Array(0)
  }

  /** Creates or replaces an account. */
  setAccount(address: Address, setup: AccountSetup): void {
    const code = setup.code ?? new Uint8Array(0)
    const codeHash = codeHashOf(code)
    if (code.length > 0) this.#code.set(codeHash, code)
    this.#accounts.set(address, { balance: setup.balance ?? 0n, nonce: setup.nonce ?? 0n, codeHash })
    const storage = new Map<bigint, bigint>()
    const entries = setup.storage instanceof Map ? setup.storage.entries() : Object.entries(setup.storage ?? {}).map(([k, v]) => [BigInt(k), v] as const)
    for (const [k, v] of entries) if (v !== 0n) storage.set(k, v)
    if (storage.size > 0) this.#storage.set(address, storage)
    else this.#storage.delete(address)
  }

  /** Every account with its storage, e.g. for a state root. */
  *accounts(): IterableIterator<{ address: Address; info: AccountInfo; storage: ReadonlyMap<bigint, bigint> }> {
    for (const [address, info] of this.#accounts) {
      yield { address, info: { ...info }, storage: this.#storage.get(address) ?? new Map() }
    }
  }

  apply(diff: StateDiff): void {
    for (const a of diff.accounts) {
      if (a.deleted) {
        this.#accounts.delete(a.address)
        this.#storage.delete(a.address)
        continue
      }
      if (a.code && a.codeHash !== KECCAK_EMPTY) this.#code.set(a.codeHash, a.code)
      this.#accounts.set(a.address, { balance: a.balance, nonce: a.nonce, codeHash: a.codeHash })
      let storage = a.storageCleared ? new Map<bigint, bigint>() : this.#storage.get(a.address) ?? new Map<bigint, bigint>()
      for (const [k, v] of a.storage) {
        if (v === 0n) storage.delete(k)
        else storage.set(k, v)
      }
      if (storage.size > 0) this.#storage.set(a.address, storage)
      else this.#storage.delete(a.address)
      storage = new Map()
    }
  }
}
