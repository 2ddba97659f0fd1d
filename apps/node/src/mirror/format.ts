/** Mirror-node formats: timestamps `secs.nanos`, transaction ids `0.0.2-secs-nanos`, response code names. */
import { proto } from '@hashgraph/proto'
import type { ConsensusTime } from '@zvm/chain-hedera'
import { num } from '../hapi/ids.ts'

export function timestampString(t: ConsensusTime): string {
  return `${t.seconds}.${String(t.nanos).padStart(9, '0')}`
}

export function transactionIdString(id: proto.ITransactionID): string {
  const a = id.accountID
  return `${num(a?.shardNum)}.${num(a?.realmNum)}.${num(a?.accountNum)}-${num(id.transactionValidStart?.seconds)}-${String(id.transactionValidStart?.nanos ?? 0).padStart(9, '0')}`
}

const NAMES = new Map<number, string>(Object.entries(proto.ResponseCodeEnum).filter(([, v]) => typeof v === 'number').map(([k, v]) => [v as number, k]))

export function responseName(code: number): string {
  return NAMES.get(code) ?? `CODE_${code}`
}
