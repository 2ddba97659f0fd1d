/**
 * HCS topic running hash, version 3 (Hedera services,
 * ConsensusSubmitMessageHandler): SHA-384 over what Java's
 * ObjectOutputStream writes for
 *   writeObject(previousRunningHash) · writeLong(3) · writeLong(payer shard,
 *   realm, num) · writeLong(topic shard, realm, num) · writeLong(consensus
 *   seconds) · writeInt(consensus nanos) · writeLong(sequenceNumber) ·
 *   writeObject(SHA-384(message))
 * Java serialization frames the two byte arrays (TC_ARRAY, the `[B` class
 * descriptor the first time, a back-reference the second) and puts the
 * primitives in one block-data record; those bytes are reproduced here.
 * Vectors made with the JDK's ObjectOutputStream: test/vectors/running-hash-v3.json.
 */
import { sha384 } from '@noble/hashes/sha2.js'
import type { EntityIdParts } from '../ids.ts'
import type { ConsensusTime } from './types.ts'

/** The running hash version this ledger computes. */
export const RUNNING_HASH_VERSION = 3n

// Stream header (magic ACED, version 5), then TC_ARRAY and the class descriptor of byte[]:
// TC_CLASSDESC, name "[B", serialVersionUID 0xACF317F8060854E0, SC_SERIALIZABLE, 0 fields, TC_ENDBLOCKDATA, no superclass.
const HEADER_AND_FIRST_ARRAY = Uint8Array.of(
  0xac, 0xed, 0x00, 0x05,
  0x75, 0x72, 0x00, 0x02, 0x5b, 0x42, 0xac, 0xf3, 0x17, 0xf8, 0x06, 0x08, 0x54, 0xe0, 0x02, 0x00, 0x00, 0x78, 0x70,
)
// TC_ARRAY with TC_REFERENCE to handle 0x7E0000 (the class descriptor above).
const SECOND_ARRAY = Uint8Array.of(0x75, 0x71, 0x00, 0x7e, 0x00, 0x00)
// TC_BLOCKDATA: 8 longs (version, payer, topic, seconds), the nanos int and the sequence number long.
const BLOCK_BYTES = 8 * 8 + 4 + 8

export interface RunningHashInput {
  previous: Uint8Array
  payer: EntityIdParts
  topic: EntityIdParts
  time: ConsensusTime
  sequenceNumber: bigint
  message: Uint8Array
}

/**
 * The next running hash of a topic (48 bytes).
 *
 * @example
 * ```ts
 * import { nextRunningHash } from '@zvm/chain-hedera'
 * const id = { shard: 0n, realm: 0n, num: 2n }
 * nextRunningHash({ previous: new Uint8Array(48), payer: id, topic: id, time: { seconds: 0n, nanos: 0 }, sequenceNumber: 1n, message: new Uint8Array([1]) }).length // 48
 * ```
 */
export function nextRunningHash(input: RunningHashInput): Uint8Array {
  const previous = input.previous
  const digest = sha384(input.message)
  const out = new Uint8Array(HEADER_AND_FIRST_ARRAY.length + 4 + previous.length + 2 + BLOCK_BYTES + SECOND_ARRAY.length + 4 + digest.length)
  const view = new DataView(out.buffer)
  let at = 0
  out.set(HEADER_AND_FIRST_ARRAY, at); at += HEADER_AND_FIRST_ARRAY.length
  view.setInt32(at, previous.length); at += 4
  out.set(previous, at); at += previous.length
  out[at++] = 0x77 // TC_BLOCKDATA
  out[at++] = BLOCK_BYTES
  for (const v of [RUNNING_HASH_VERSION, input.payer.shard, input.payer.realm, input.payer.num, input.topic.shard, input.topic.realm, input.topic.num, input.time.seconds]) {
    view.setBigInt64(at, BigInt.asIntN(64, v)); at += 8
  }
  view.setInt32(at, input.time.nanos); at += 4
  view.setBigInt64(at, BigInt.asIntN(64, input.sequenceNumber)); at += 8
  out.set(SECOND_ARRAY, at); at += SECOND_ARRAY.length
  view.setInt32(at, digest.length); at += 4
  out.set(digest, at)
  return sha384(out)
}
