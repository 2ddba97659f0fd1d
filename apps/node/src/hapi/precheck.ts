/**
 * The node's checks before a transaction reaches consensus, in the
 * network's order: size (64), protobuf (1 / 50), transaction id (17), node
 * (3), duration (6), valid start (5) and expiry (4), memo (8), duplicate
 * (11), payer (2), signatures (7), fee offered (9) and payer balance (10).
 * A failure answers its code and changes nothing.
 */
import { proto } from '@hashgraph/proto'
import { sha384 } from '@noble/hashes/sha2.js'
import { baseFee } from './fees.ts'
import { accountIdOf, num, transactionIdKey } from './ids.ts'
import { verifySignatures } from './keys.ts'

const RC = proto.ResponseCodeEnum
/** Hedera's transaction size limit. */
export const MAX_TRANSACTION_BYTES = 6144
export const NODE_ACCOUNT = '0.0.3'
const MIN_DURATION = 15n, MAX_DURATION = 180n

/** A transaction that passed the syntactic checks. */
export interface ParsedTransaction {
  readonly body: proto.TransactionBody
  readonly dataCase: string
  readonly transactionId: proto.ITransactionID
  readonly idKey: string
  readonly payer: string
  readonly signers: Set<string>
  /** SHA-384 of the signed transaction bytes (the record's transactionHash). */
  readonly hash: Uint8Array
  readonly validStartNanos: bigint
}

export type Parsed = { ok: true; tx: ParsedTransaction } | { ok: false; code: number }

/** Decodes and checks what needs no state: size, protobuf, ids, node, times, signatures (state checks follow in the network). */
export function parseTransaction(bytes: Uint8Array, nowNanos: bigint): Parsed {
  if (bytes.length > MAX_TRANSACTION_BYTES) return { ok: false, code: RC.TRANSACTION_OVERSIZE }
  let bodyBytes: Uint8Array, sigMap: proto.ISignatureMap | null | undefined, signed: Uint8Array
  try {
    const tx = proto.Transaction.decode(bytes)
    if (tx.signedTransactionBytes && tx.signedTransactionBytes.length > 0) {
      signed = tx.signedTransactionBytes
      const st = proto.SignedTransaction.decode(signed)
      bodyBytes = st.bodyBytes
      sigMap = st.sigMap
    } else {
      bodyBytes = tx.bodyBytes
      sigMap = tx.sigMap
      signed = bytes
    }
  } catch {
    return { ok: false, code: RC.INVALID_TRANSACTION }
  }
  if (!bodyBytes || bodyBytes.length === 0) return { ok: false, code: RC.INVALID_TRANSACTION_BODY }
  let body: proto.TransactionBody
  try {
    body = proto.TransactionBody.decode(bodyBytes)
  } catch {
    return { ok: false, code: RC.INVALID_TRANSACTION_BODY }
  }
  const dataCase = body.data
  if (dataCase === undefined) return { ok: false, code: RC.INVALID_TRANSACTION_BODY }
  const id = body.transactionID
  const payer = accountIdOf(id?.accountID)
  if (!id || payer === undefined || !id.transactionValidStart) return { ok: false, code: RC.INVALID_TRANSACTION_ID }
  if (accountIdOf(body.nodeAccountID) !== NODE_ACCOUNT) return { ok: false, code: RC.INVALID_NODE_ACCOUNT }
  const duration = num(body.transactionValidDuration?.seconds)
  if (duration < MIN_DURATION || duration > MAX_DURATION) return { ok: false, code: RC.INVALID_TRANSACTION_DURATION }
  const start = num(id.transactionValidStart.seconds) * 1_000_000_000n + BigInt(id.transactionValidStart.nanos ?? 0)
  if (start > nowNanos + 1_000_000_000n) return { ok: false, code: RC.INVALID_TRANSACTION_START }
  if (start + duration * 1_000_000_000n < nowNanos) return { ok: false, code: RC.TRANSACTION_EXPIRED }
  if (Buffer.byteLength(body.memo ?? '', 'utf8') > 100) return { ok: false, code: RC.MEMO_TOO_LONG }
  if (baseFee(dataCase) === undefined) return { ok: false, code: RC.NOT_SUPPORTED }
  const signers = verifySignatures(bodyBytes, sigMap)
  if (!signers) return { ok: false, code: RC.INVALID_SIGNATURE }
  return { ok: true, tx: { body, dataCase, transactionId: id, idKey: transactionIdKey(id), payer, signers, hash: sha384(signed), validStartNanos: start } }
}
