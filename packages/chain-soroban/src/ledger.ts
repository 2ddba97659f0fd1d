/**
 * Soroban ledger state: contract instances (with instance storage), uploaded
 * code, and contract data entries with durability and TTL. Snapshots make
 * failed calls roll back; `toJSON`/`fromJSON` persist it (ScVals as base64 XDR).
 */
import { xdr } from '@stellar/stellar-sdk'
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
}

/** soroban-sdk's test defaults for TTLs; a standalone network passphrase. */
export const DEFAULT_LEDGER_INFO: LedgerInfo = {
  protocolVersion: 25,
  sequence: 1,
  timestamp: 0n,
  networkPassphrase: 'Standalone Network ; February 2017',
  minPersistentTtl: 4096,
  minTemporaryTtl: 16,
  maxEntryTtl: 6_312_000,
}

export interface StoredValue { key: xdr.ScVal, val: xdr.ScVal }
export interface ContractEntry { wasmHash: string, storage: Map<string, StoredValue>, liveUntil: number }
export interface CodeEntry { wasm: Uint8Array, liveUntil: number }
export interface DataEntry { contract: string, durability: Durability, key: xdr.ScVal, val: xdr.ScVal, liveUntil: number }

interface Snapshot { contracts: Map<string, ContractEntry>, code: Map<string, CodeEntry>, data: Map<string, DataEntry> }

/** The file format of `--storage`. */
export interface LedgerFile {
  sequence?: number
  timestamp?: string
  contracts: { address: string, wasmHash: string, liveUntil: number, storage: { key: string, val: string }[] }[]
  code: { hash: string, wasm: string, liveUntil: number }[]
  data: { contract: string, durability: Durability, key: string, val: string, liveUntil: number }[]
}

export const scKey = (v: xdr.ScVal): string => v.toXDR('base64')
export const dataKey = (contract: string, durability: Durability, key: xdr.ScVal): string => `${contract}|${durability}|${scKey(key)}`

export class SorobanLedger {
  contracts = new Map<string, ContractEntry>()
  code = new Map<string, CodeEntry>()
  data = new Map<string, DataEntry>()

  snapshot(): Snapshot {
    const contracts = new Map<string, ContractEntry>()
    for (const [k, c] of this.contracts) contracts.set(k, { ...c, storage: new Map(c.storage) })
    return { contracts, code: new Map(this.code), data: new Map(this.data) }
  }

  restore(s: Snapshot): void {
    this.contracts = s.contracts
    this.code = s.code
    this.data = s.data
  }

  toJSON(): LedgerFile {
    return {
      contracts: [...this.contracts].map(([address, c]) => ({
        address, wasmHash: c.wasmHash, liveUntil: c.liveUntil,
        storage: [...c.storage.values()].map((e) => ({ key: e.key.toXDR('base64'), val: e.val.toXDR('base64') })),
      })),
      code: [...this.code].map(([hash, c]) => ({ hash, wasm: Buffer.from(c.wasm).toString('base64'), liveUntil: c.liveUntil })),
      data: [...this.data.values()].map((d) => ({ contract: d.contract, durability: d.durability, key: d.key.toXDR('base64'), val: d.val.toXDR('base64'), liveUntil: d.liveUntil })),
    }
  }

  static fromJSON(file: LedgerFile): SorobanLedger {
    const ledger = new SorobanLedger()
    try {
      for (const c of file.contracts ?? []) {
        const storage = new Map<string, StoredValue>()
        for (const e of c.storage) {
          const key = xdr.ScVal.fromXDR(e.key, 'base64')
          storage.set(scKey(key), { key, val: xdr.ScVal.fromXDR(e.val, 'base64') })
        }
        ledger.contracts.set(c.address, { wasmHash: c.wasmHash, liveUntil: c.liveUntil, storage })
      }
      for (const c of file.code ?? []) ledger.code.set(c.hash, { wasm: Uint8Array.from(Buffer.from(c.wasm, 'base64')), liveUntil: c.liveUntil })
      for (const d of file.data ?? []) {
        if (d.durability !== 'persistent' && d.durability !== 'temporary') throw new Error(`durability ${String(d.durability)}`)
        const key = xdr.ScVal.fromXDR(d.key, 'base64')
        ledger.data.set(dataKey(d.contract, d.durability, key), { contract: d.contract, durability: d.durability, key, val: xdr.ScVal.fromXDR(d.val, 'base64'), liveUntil: d.liveUntil })
      }
    } catch (cause) {
      throw new ZvmError('SOROBAN_LEDGER_FILE_INVALID', 'the storage file is not a valid ZVM Soroban ledger', { cause, details: String(cause) })
    }
    return ledger
  }
}
