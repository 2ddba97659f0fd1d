/**
 * Persistence for `--data <dir>`: every committed transaction's bytes and
 * consensus time, in order, in an LMDB environment (the `lmdb` package,
 * with prebuilt binaries for Node 20 on Linux, macOS and Windows). LMDB
 * because its writes can be synchronous (`putSync` returns after the
 * transaction is committed and flushed), so "a receipt was given" implies
 * "it is on disk", and its copy-on-write B-tree cannot be left half
 * written by a kill -9; reads are synchronous too, which suits a start-up
 * replay. The state is rebuilt by replaying the log: execution is
 * deterministic (consensus times are logged), so ledger, accounts,
 * contracts, files, topics and records all come back.
 */
import { open, type RootDatabase } from 'lmdb'
import type { TransactionLog } from './network.ts'

export type LogKind = 'hapi' | 'eth'

interface Entry { k: LogKind; b: Uint8Array; n: string }

export interface OpenedLog extends TransactionLog {
  /** Calls `apply` for each logged transaction in order; returns how many. */
  replay(apply: (bytes: Uint8Array, consensusNanos: bigint, kind: LogKind) => void): number
  close(): Promise<void>
}

export async function openLog(dir: string): Promise<OpenedLog> {
  const db: RootDatabase<Entry, number> = open({ path: dir, compression: false })
  let next = 1
  for (const key of db.getKeys({ reverse: true, limit: 1 })) next = key + 1
  return {
    append(entry) {
      // Synchronous: committed and flushed before the caller answers.
      db.putSync(next++, { k: entry.kind, b: entry.bytes, n: entry.consensusNanos.toString() })
    },
    replay(apply) {
      let count = 0
      for (const { value } of db.getRange({})) {
        apply(Uint8Array.from(value.b), BigInt(value.n), value.k)
        count++
      }
      return count
    },
    async close() { await db.close() },
  }
}
