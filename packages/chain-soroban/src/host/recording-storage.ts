/**
 * The real host's transaction storage in recording mode (rs-soroban-env's
 * `Storage` with a recording `Footprint`), as far as its charges go: two
 * sorted maps keyed by ledger key (the footprint, ledger key → access type,
 * and the storage map, ledger key → optional entry) that every storage access
 * of the transaction goes through. Their metered operations (binary-search
 * lookups, copy-on-write inserts) charge by map size and by the keys compared,
 * so the maps' sizes and their contract-code keys are kept here; what the
 * entries hold stays in the ledger.
 *
 * Charges (MeteredOrdMap, rs-soroban-env 28):
 * - lookup: MemCpy of entry size × (1 + bit length of the map size), plus one
 *   comparison per probe of the binary search (it stops at the first equal
 *   key); a found entry is then read (MemCpy of the entry size);
 * - insert: MemCpy of the entry size, a lookup, then the map is rebuilt: the
 *   new vector's header copied (MemCpy 24), allocated and filled (MemAlloc and
 *   MemCpy of entry size × new length), and rescanned (MemCpy of the same
 *   size) with its adjacent keys compared.
 * Ledger keys order by kind first (account, trustline, …, contract data,
 * contract code), so every contract-code key sorts after all other keys and
 * comparing keys of different kinds is free; two contract-code keys compare
 * as a fixed-size type (MemCmp of LedgerKeyContractCode's declared 36 bytes).
 */
import type { Budget } from '../budget.ts'
import { CostType } from '../cost/types.ts'

/** Declared sizes (declared_size.rs): `(Rc<LedgerKey>, AccessType)` is 16 + 1 + 8 bytes. */
const FOOTPRINT_ENTRY = 25
/** `(Rc<LedgerKey>, Option<(Rc<LedgerEntry>, Option<u32>)>)`: 16 + (16 + 12 + 8 + 8) + 8 bytes. */
const STORAGE_ENTRY = 68
const VEC_HEADER = 24
const CODE_KEY = 36

interface KeyState { readWrite: boolean, present: boolean }

const bitLength = (n: number): number => (n === 0 ? 0 : 32 - Math.clz32(n))

export class RecordingStorage {
  /** Keys other than contract code (they sort before every code key; their order among themselves is not needed). */
  private readonly others = new Map<string, KeyState>()
  /** Contract-code keys, sorted by hash (lowercase hex sorts as the bytes do). */
  private readonly codeHashes: string[] = []
  private readonly codeStates: KeyState[] = []
  private readonly budget: Budget

  constructor(budget: Budget) { this.budget = budget }

  get size(): number { return this.others.size + this.codeHashes.length }

  /**
   * Rust's `binary_search_by` over the map (others first, then the code keys):
   * the comparisons it charges for finding `hash` in a map of `n` keys, and
   * whether it is there.
   */
  private searchCode(hash: string, n: number): { found: boolean, compares: number } {
    const m = this.others.size
    let size = n
    let left = 0
    let right = n
    let compares = 0
    while (left < right) {
      const mid = left + (size >> 1)
      let c = -1 // a key of another kind sorts before any code key: free
      if (mid >= m) {
        compares++
        const probe = this.codeHashes[mid - m]
        c = probe < hash ? -1 : probe > hash ? 1 : 0
      }
      if (c === 0) return { found: true, compares }
      if (c < 0) left = mid + 1
      else right = mid
      size = right - left
    }
    return { found: false, compares }
  }

  /** A lookup in a map of `n` entries of `entry` bytes, with its comparisons. */
  private find(entry: number, n: number, compares: number): void {
    this.budget.cost(CostType.MemCpy, entry * (1 + bitLength(n)))
    if (compares > 0) this.budget.cost(CostType.MemCmp, CODE_KEY, compares)
  }

  /** A copy-on-write insert into a map of `n` entries (`replace`: the key is there). */
  private insert(entry: number, n: number, compares: number, replace: boolean): void {
    this.budget.cost(CostType.MemCpy, entry)
    this.find(entry, n, compares)
    const m = replace ? n : n + 1
    this.budget.cost(CostType.MemCpy, VEC_HEADER)
    this.budget.cost(CostType.MemAlloc, entry * m)
    this.budget.cost(CostType.MemCpy, entry * m)
    this.budget.cost(CostType.MemCpy, entry * m)
    // Adjacent code keys are compared when the rebuilt map's order is checked.
    const pairs = this.codeHashes.length + (replace ? 0 : 1) - 1
    if (pairs > 0) this.budget.cost(CostType.MemCmp, CODE_KEY, pairs)
  }

  /**
   * A read access to contract code `hash` (Storage::has or ::get): the
   * footprint records it (inserting it when new), the storage map reads it
   * through from the ledger when new (`inLedger`: whether it is there), the
   * footprint is consulted again, and the entry is read twice (the expired-entry
   * check, then the read itself). Returns whether the entry exists.
   */
  readCode(hash: string, inLedger: boolean): boolean {
    let n = this.size
    let { found, compares } = this.searchCode(hash, n)
    let state: KeyState
    if (!found) {
      this.find(FOOTPRINT_ENTRY, n, compares) // footprint lookup: missing
      this.insert(FOOTPRINT_ENTRY, n, compares, false)
      this.find(STORAGE_ENTRY, n, compares) // storage map: missing, read through
      this.insert(STORAGE_ENTRY, n, compares, false)
      state = { readWrite: false, present: inLedger }
      this.addCode(hash, state)
      n++
      compares = this.searchCode(hash, n).compares
    } else {
      state = this.codeState(hash)
      this.find(FOOTPRINT_ENTRY, n, compares) // footprint lookup: found, already recorded
      this.budget.cost(CostType.MemCpy, FOOTPRINT_ENTRY)
      this.find(STORAGE_ENTRY, n, compares) // storage map: already loaded
    }
    this.find(FOOTPRINT_ENTRY, n, compares)
    this.budget.cost(CostType.MemCpy, FOOTPRINT_ENTRY)
    for (let i = 0; i < 2; i++) {
      this.find(STORAGE_ENTRY, n, compares)
      this.budget.cost(CostType.MemCpy, STORAGE_ENTRY)
    }
    return state.present
  }

  /**
   * A write of contract code `hash` (Storage::put): the expired-entry check
   * reads it, the footprint records the write (upgrading a read-only record),
   * and the storage map takes the new entry.
   */
  writeCode(hash: string): void {
    const n = this.size
    const { found, compares } = this.searchCode(hash, n)
    if (found) {
      this.find(STORAGE_ENTRY, n, compares)
      this.budget.cost(CostType.MemCpy, STORAGE_ENTRY)
      this.find(FOOTPRINT_ENTRY, n, compares)
      this.budget.cost(CostType.MemCpy, FOOTPRINT_ENTRY)
      const state = this.codeState(hash)
      if (!state.readWrite) this.insert(FOOTPRINT_ENTRY, n, compares, true)
      state.readWrite = true
      state.present = true
      this.insert(STORAGE_ENTRY, n, compares, true)
      return
    }
    this.find(STORAGE_ENTRY, n, compares)
    this.find(FOOTPRINT_ENTRY, n, compares)
    this.insert(FOOTPRINT_ENTRY, n, compares, false)
    this.insert(STORAGE_ENTRY, n, compares, false)
    this.addCode(hash, { readWrite: true, present: true })
  }

  /** Records an access to a key other than contract code (its charges are not modelled here). */
  touch(key: string, write: boolean, present = true): void {
    const s = this.others.get(key)
    if (s === undefined) this.others.set(key, { readWrite: write, present })
    else {
      if (write) s.readWrite = true
      s.present = present
    }
  }

  /** Records an access to contract code without charging (made by a path whose charges are modelled elsewhere). */
  touchCode(hash: string, write: boolean): void {
    const i = this.codeHashes.indexOf(hash)
    if (i < 0) this.addCode(hash, { readWrite: write, present: true })
    else if (write) this.codeStates[i].readWrite = true
  }

  private codeState(hash: string): KeyState {
    return this.codeStates[this.codeHashes.indexOf(hash)]
  }

  private addCode(hash: string, state: KeyState): void {
    let i = 0
    while (i < this.codeHashes.length && this.codeHashes[i] < hash) i++
    this.codeHashes.splice(i, 0, hash)
    this.codeStates.splice(i, 0, state)
  }
}
