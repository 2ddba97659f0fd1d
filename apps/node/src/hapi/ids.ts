/** Entity ids between protobuf messages and the ledger's `shard.realm.num` strings. */
import type { proto } from '@hashgraph/proto'
import Long from 'long'

type Num = number | Long | null | undefined

/** A protobuf int64 from a bigint or number. */
export const long = (v: bigint | number): Long => Long.fromString(v.toString())

export const num = (v: Num): bigint => (v == null ? 0n : BigInt(v.toString()))

/** `shard.realm.num` of an AccountID, or of its alias (EVM address, ECDSA key) resolved by `resolveAlias`. */
export function accountIdOf(id: proto.IAccountID | null | undefined, resolveAlias?: (alias: Uint8Array) => string | undefined): string | undefined {
  if (!id) return undefined
  if (id.alias && id.alias.length > 0) return resolveAlias?.(id.alias)
  if (id.accountNum == null) return undefined
  return `${num(id.shardNum)}.${num(id.realmNum)}.${num(id.accountNum)}`
}

export function entityIdOf(id: { shardNum?: Num; realmNum?: Num } & Record<string, unknown> | null | undefined, field: string): string | undefined {
  if (!id || id[field] == null) return undefined
  return `${num(id.shardNum)}.${num(id.realmNum)}.${num(id[field] as Num)}`
}

function parts(id: string): { shardNum: number; realmNum: number; n: number } {
  const [s, r, n] = id.split('.').map(Number)
  return { shardNum: s, realmNum: r, n }
}

export function toAccountID(id: string): proto.IAccountID {
  const p = parts(id)
  return { shardNum: long(p.shardNum), realmNum: long(p.realmNum), accountNum: long(p.n) }
}
export function toContractID(id: string): proto.IContractID {
  const p = parts(id)
  return { shardNum: long(p.shardNum), realmNum: long(p.realmNum), contractNum: long(p.n) }
}
export function toTokenID(id: string): proto.ITokenID {
  const p = parts(id)
  return { shardNum: long(p.shardNum), realmNum: long(p.realmNum), tokenNum: long(p.n) }
}
export function toTopicID(id: string): proto.ITopicID {
  const p = parts(id)
  return { shardNum: long(p.shardNum), realmNum: long(p.realmNum), topicNum: long(p.n) }
}
export function toFileID(id: string): proto.IFileID {
  const p = parts(id)
  return { shardNum: long(p.shardNum), realmNum: long(p.realmNum), fileNum: long(p.n) }
}

/** A TransactionID as `payer@seconds.nanos` (with `/nonce` and `?scheduled` when set), the receipt and duplicate key. */
export function transactionIdKey(id: proto.ITransactionID): string {
  const payer = accountIdOf(id.accountID) ?? '?'
  const start = id.transactionValidStart
  const nanos = String(start?.nanos ?? 0).padStart(9, '0')
  return `${payer}@${num(start?.seconds)}.${nanos}${id.nonce ? `/${id.nonce}` : ''}${id.scheduled ? '?scheduled' : ''}`
}
