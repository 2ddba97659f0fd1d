/** HCS topics: create, update, delete, submit message (sequence number and running hash v3). */
import type { Address } from '@zvm/primitives'
import { parseEntityId } from '../ids.ts'
import { ResponseCode as RC } from '../response-codes.ts'
import { isValidKey, type LedgerKey } from './keys.ts'
import { nextRunningHash } from './running-hash.ts'
import type { LedgerStore } from './store.ts'
import type { TopicRecord } from './types.ts'

const encoder = new TextEncoder()
const DEFAULT_RENEW_SECONDS = 7_776_000n

function checkMemo(memo: string): number {
  if (typeof memo !== 'string') return RC.INVALID_TRANSACTION_BODY
  const bytes = encoder.encode(memo)
  if (bytes.includes(0)) return RC.INVALID_ZERO_BYTE_IN_STRING
  return bytes.length > 100 ? RC.MEMO_TOO_LONG : RC.SUCCESS
}

export interface CreateTopicOptions {
  memo?: string
  adminKey?: LedgerKey
  submitKey?: LedgerKey
  autoRenewAccount?: string
  caller: Address
}

/** Check order: memo (211, 8), keys (155/156 malformed: reported as 156 for the submit key, 7 for the admin key), auto-renew account (15), admin key signs (7). */
export function createTopic(s: LedgerStore, o: CreateTopicOptions): { code: number; topicId?: string } {
  const c = checkMemo(o.memo ?? '')
  if (c !== RC.SUCCESS) return { code: c }
  if (o.adminKey !== undefined && !isValidKey(o.adminKey)) return { code: RC.INVALID_SIGNATURE }
  if (o.submitKey !== undefined && !isValidKey(o.submitKey)) return { code: RC.INVALID_SUBMIT_KEY }
  const renew = o.autoRenewAccount === undefined ? undefined : s.account(o.autoRenewAccount)
  if (o.autoRenewAccount !== undefined && !renew) return { code: RC.INVALID_ACCOUNT_ID }
  if (o.adminKey !== undefined && !s.isAuthorized(o.adminKey, o.caller)) return { code: RC.INVALID_SIGNATURE }
  const topic: TopicRecord = {
    id: s.newEntityId(), memo: o.memo ?? '', adminKey: o.adminKey, submitKey: o.submitKey, autoRenewAccount: renew?.id,
    sequenceNumber: 0n, runningHash: new Uint8Array(48), expiry: s.now().seconds + DEFAULT_RENEW_SECONDS, deleted: false,
  }
  s.put(s.topics, topic.id, topic)
  return { code: RC.SUCCESS, topicId: topic.id }
}

/** A live topic, or the code for its absence (150: missing or deleted). */
function liveTopic(s: LedgerStore, ref: string): TopicRecord | number {
  const topic = s.topic(ref)
  return topic && !topic.deleted ? topic : RC.INVALID_TOPIC_ID
}

export interface UpdateTopicOptions {
  topic: string
  caller: Address
  memo?: string
  /** A new admin key (it must sign too). */
  adminKey?: LedgerKey
  /** A new submit key; null removes it. */
  submitKey?: LedgerKey | null
}

/** Check order: topic (150), admin key (157 none, 7 not the caller), memo (211, 8), keys (7, 156), the new admin key signs (7). */
export function updateTopic(s: LedgerStore, o: UpdateTopicOptions): number {
  const topic = liveTopic(s, o.topic)
  if (typeof topic === 'number') return topic
  if (topic.adminKey === undefined) return RC.UNAUTHORIZED
  if (!s.isAuthorized(topic.adminKey, o.caller)) return RC.INVALID_SIGNATURE
  if (o.memo !== undefined) {
    const c = checkMemo(o.memo)
    if (c !== RC.SUCCESS) return c
  }
  if (o.adminKey !== undefined && !isValidKey(o.adminKey)) return RC.INVALID_SIGNATURE
  if (o.submitKey != null && !isValidKey(o.submitKey)) return RC.INVALID_SUBMIT_KEY
  if (o.adminKey !== undefined && !s.isAuthorized(o.adminKey, o.caller)) return RC.INVALID_SIGNATURE
  s.put(s.topics, topic.id, {
    ...topic, memo: o.memo ?? topic.memo, adminKey: o.adminKey ?? topic.adminKey,
    submitKey: o.submitKey === null ? undefined : o.submitKey ?? topic.submitKey,
  })
  return RC.SUCCESS
}

/** Check order: topic (150), admin key (157 none, 7 not the caller). */
export function deleteTopic(s: LedgerStore, o: { topic: string; caller: Address }): number {
  const topic = liveTopic(s, o.topic)
  if (typeof topic === 'number') return topic
  if (topic.adminKey === undefined) return RC.UNAUTHORIZED
  if (!s.isAuthorized(topic.adminKey, o.caller)) return RC.INVALID_SIGNATURE
  s.put(s.topics, topic.id, { ...topic, deleted: true })
  return RC.SUCCESS
}

export interface SubmitMessageOptions {
  topic: string
  message: Uint8Array
  caller: Address
  /** The paying account in the running hash (default: the caller's account; an unknown caller counts as num 0). */
  payer?: string
}

export interface SubmitMessageResult {
  code: number
  sequenceNumber?: bigint
  runningHash?: Uint8Array
  runningHashVersion?: bigint
}

/** Check order (as the network: pure checks, pre-handle, handle): empty message (158), topic (150), submit key (7), size (214). */
export function submitMessage(s: LedgerStore, o: SubmitMessageOptions): SubmitMessageResult {
  if (!(o.message instanceof Uint8Array) || o.message.length === 0) return { code: RC.INVALID_TOPIC_MESSAGE }
  const topic = liveTopic(s, o.topic)
  if (typeof topic === 'number') return { code: topic }
  if (topic.submitKey !== undefined && !s.isAuthorized(topic.submitKey, o.caller)) return { code: RC.INVALID_SIGNATURE }
  if (o.message.length > s.maxMessageBytes) return { code: RC.MESSAGE_SIZE_TOO_LARGE }
  const payerId = (o.payer === undefined ? undefined : s.idOf(o.payer)) ?? s.account(o.caller)?.id
  const payer = payerId === undefined ? { shard: s.shard, realm: s.realm, num: 0n } : parseEntityId(payerId)
  const sequenceNumber = topic.sequenceNumber + 1n
  const runningHash = nextRunningHash({
    previous: topic.runningHash, payer, topic: parseEntityId(topic.id), time: s.now(), sequenceNumber, message: o.message,
  })
  s.put(s.topics, topic.id, { ...topic, sequenceNumber, runningHash })
  return { code: RC.SUCCESS, sequenceNumber, runningHash: runningHash.slice(), runningHashVersion: 3n }
}
