/** ConsensusService transactions over the ledger's topics. */
import { proto } from '@hashgraph/proto'
import type { Handler } from '../context.ts'
import { accountIdOf, entityIdOf, long, toTopicID } from '../ids.ts'
import { keyFromProto } from '../keys.ts'

const RC = proto.ResponseCodeEnum
const topicOf = (id: proto.ITopicID | null | undefined): string | undefined => entityIdOf(id as Record<string, unknown>, 'topicNum')

/** An HCS message as the mirror serves it. */
export interface TopicMessage {
  readonly topicId: string
  readonly sequenceNumber: bigint
  readonly runningHash: Uint8Array
  readonly message: Uint8Array
  readonly payer: string
  readonly consensus: { seconds: bigint; nanos: number }
}

const createTopic: Handler = (ctx) => {
  const b = ctx.body.consensusCreateTopic!
  if (b.adminKey && !keyFromProto(b.adminKey)) return { status: RC.BAD_ENCODING }
  if (b.submitKey && !keyFromProto(b.submitKey)) return { status: RC.INVALID_SUBMIT_KEY }
  const adminKey = keyFromProto(b.adminKey), submitKey = keyFromProto(b.submitKey)
  const r = ctx.ledger.createTopic({
    memo: b.memo ?? '', ...(adminKey ? { adminKey } : {}), ...(submitKey ? { submitKey } : {}),
    ...(b.autoRenewAccount ? { autoRenewAccount: accountIdOf(b.autoRenewAccount) } : {}), caller: ctx.payerAddress,
  })
  return r.code === RC.SUCCESS ? { status: r.code, receipt: { topicID: toTopicID(r.topicId!) } } : { status: r.code }
}

const updateTopic: Handler = (ctx) => {
  const b = ctx.body.consensusUpdateTopic!
  const topic = topicOf(b.topicID)
  if (topic === undefined) return { status: RC.INVALID_TOPIC_ID }
  const adminKey = keyFromProto(b.adminKey), submitKey = keyFromProto(b.submitKey)
  return {
    status: ctx.ledger.updateTopic({
      topic, caller: ctx.payerAddress, ...(b.memo ? { memo: b.memo.value ?? '' } : {}), ...(adminKey ? { adminKey } : {}), ...(submitKey ? { submitKey } : {}),
    }),
  }
}

const deleteTopic: Handler = (ctx) => {
  const topic = topicOf(ctx.body.consensusDeleteTopic!.topicID)
  if (topic === undefined) return { status: RC.INVALID_TOPIC_ID }
  return { status: ctx.ledger.deleteTopic({ topic, caller: ctx.payerAddress }) }
}

const submitMessage: Handler = (ctx) => {
  const b = ctx.body.consensusSubmitMessage!
  const topic = topicOf(b.topicID)
  if (topic === undefined) return { status: RC.INVALID_TOPIC_ID }
  const chunk = b.chunkInfo
  if (chunk && ((chunk.number ?? 0) < 1 || (chunk.number ?? 0) > (chunk.total ?? 0))) return { status: RC.INVALID_CHUNK_NUMBER }
  const message = Uint8Array.from(b.message ?? [])
  const r = ctx.ledger.submitMessage({ topic, message, caller: ctx.payerAddress, payer: ctx.payer })
  if (r.code !== RC.SUCCESS) return { status: r.code }
  ctx.onTopicMessage({ topicId: topic, sequenceNumber: r.sequenceNumber!, runningHash: r.runningHash!, message, payer: ctx.payer, consensus: ctx.consensus })
  return {
    status: RC.SUCCESS,
    receipt: { topicSequenceNumber: long(r.sequenceNumber!), topicRunningHash: r.runningHash!, topicRunningHashVersion: long(r.runningHashVersion!) },
  }
}

export const CONSENSUS_HANDLERS: Record<string, Handler> = {
  consensusCreateTopic: createTopic, consensusUpdateTopic: updateTopic, consensusDeleteTopic: deleteTopic, consensusSubmitMessage: submitMessage,
}
