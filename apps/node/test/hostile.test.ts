/**
 * Hostile requests to the consensus API, sent as raw gRPC calls: each gets
 * the network's status code, nothing changes, and the node keeps serving.
 */
import { Client as GrpcClient, credentials } from '@grpc/grpc-js'
import { proto } from '@hashgraph/proto'
import { AccountId, Hbar, PrivateKey, Timestamp, TransactionId, TransferTransaction, type Transaction } from '@hashgraph/sdk'
import Long from 'long'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { OPERATOR_KEY, startNode, type RunningNode } from '../src/index.ts'

const RC = proto.ResponseCodeEnum
const operatorKey = PrivateKey.fromStringED25519(OPERATOR_KEY)
let node: RunningNode
let grpc: GrpcClient

beforeAll(async () => {
  node = await startNode({ port: 0, mirrorPort: 0, web3Port: 0, relayPort: 0, accounts: 0 })
  grpc = new GrpcClient(`127.0.0.1:${node.ports.grpc}`, credentials.createInsecure())
})
afterAll(async () => {
  grpc?.close()
  await node?.close()
})

function call(path: string, bytes: Uint8Array): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    grpc.makeUnaryRequest(path, (b: Buffer) => b, (b: Buffer) => b, Buffer.from(bytes), (err, res) => (err ? reject(err) : resolve(res!)))
  })
}

async function submit(bytes: Uint8Array): Promise<number> {
  return proto.TransactionResponse.decode(await call('/proto.CryptoService/cryptoTransfer', bytes)).nodeTransactionPrecheckCode
}

/** The single Transaction inside the SDK's TransactionList bytes. */
function wire(tx: Transaction): Uint8Array {
  return proto.Transaction.encode(proto.TransactionList.decode(tx.toBytes()).transactionList[0]).finish()
}

async function transfer(options: { node?: number; start?: Date; payer?: string; key?: PrivateKey; maxFee?: Hbar; memo?: string } = {}): Promise<Uint8Array> {
  const payer = options.payer ?? '0.0.2'
  const id = options.start ? TransactionId.withValidStart(AccountId.fromString(payer), Timestamp.fromDate(options.start)) : TransactionId.generate(payer)
  const tx = new TransferTransaction().addHbarTransfer(payer, -1).addHbarTransfer('0.0.3', 1).setNodeAccountIds([new AccountId(options.node ?? 3)])
    .setTransactionId(id).setTransactionMemo(options.memo ?? '')
  if (options.maxFee) tx.setMaxTransactionFee(options.maxFee)
  return wire(await tx.freeze().sign(options.key ?? operatorKey))
}

describe('hostile transactions get their status and change nothing', () => {
  it('answers each with the network code, leaves balances and history untouched, and keeps serving', async () => {
    const before = { balance: node.network.ledger.hbarBalance('0.0.2'), count: node.network.transactions.length }
    const flipped = await transfer()
    const signed = proto.SignedTransaction.decode(proto.Transaction.decode(flipped).signedTransactionBytes)
    signed.sigMap!.sigPair![0].ed25519![5] ^= 1
    const cases: Array<[string, Uint8Array, number]> = [
      ['garbage bytes', Uint8Array.from([0xff, 0xff, 0xff, 0x0f, 0x12]), RC.INVALID_TRANSACTION],
      ['oversized payload', new Uint8Array(7000).fill(0x0a), RC.TRANSACTION_OVERSIZE],
      ['garbage body', proto.Transaction.encode({ signedTransactionBytes: proto.SignedTransaction.encode({ bodyBytes: Uint8Array.from([0x0a, 0x05, 0xff]) }).finish() }).finish(), RC.INVALID_TRANSACTION_BODY],
      ['wrong node', await transfer({ node: 4 }), RC.INVALID_NODE_ACCOUNT],
      ['signed by another key', await transfer({ key: PrivateKey.generateED25519() }), RC.INVALID_SIGNATURE],
      ['signed by an ECDSA key', await transfer({ key: PrivateKey.generateECDSA() }), RC.INVALID_SIGNATURE],
      ['a corrupted signature', proto.Transaction.encode({ signedTransactionBytes: proto.SignedTransaction.encode(signed).finish() }).finish(), RC.INVALID_SIGNATURE],
      ['expired', await transfer({ start: new Date(Date.now() - 200_000) }), RC.TRANSACTION_EXPIRED],
      ['valid start in the future', await transfer({ start: new Date(Date.now() + 60_000) }), RC.INVALID_TRANSACTION_START],
      ['unknown payer', await transfer({ payer: '0.0.99999' }), RC.PAYER_ACCOUNT_NOT_FOUND],
      ['fee offered too low', await transfer({ maxFee: Hbar.fromTinybars(1) }), RC.INSUFFICIENT_TX_FEE],
      ['memo too long', await transfer({ memo: 'x'.repeat(101) }), RC.MEMO_TOO_LONG],
    ]
    // A payer that cannot cover the fee, and a transaction type this node does not run.
    const poorKey = PrivateKey.generateED25519()
    const poor = node.network.ledger.createAccount({ key: { kind: 'ed25519', bytes: poorKey.publicKey.toBytesRaw() }, initialBalance: 10n }).accountId!
    cases.push(['payer balance below the fee', await transfer({ payer: poor, key: poorKey }), RC.INSUFFICIENT_PAYER_BALANCE])
    const body = proto.TransactionBody.encode({
      transactionID: { accountID: { accountNum: Long.fromNumber(2) }, transactionValidStart: { seconds: Long.fromNumber(Math.floor(Date.now() / 1000) - 5), nanos: 0 } },
      nodeAccountID: { accountNum: Long.fromNumber(3) }, transactionValidDuration: { seconds: Long.fromNumber(120) }, transactionFee: Long.fromNumber(1e9), cryptoDelete: {},
    }).finish()
    const sig = await operatorKey.sign(body)
    cases.push(['an unsupported transaction type', proto.Transaction.encode({ signedTransactionBytes: proto.SignedTransaction.encode({ bodyBytes: body, sigMap: { sigPair: [{ pubKeyPrefix: operatorKey.publicKey.toBytesRaw(), ed25519: sig }] } }).finish() }).finish(), RC.NOT_SUPPORTED])
    const snapshot = (): string => JSON.stringify(node.network.ledger.snapshot(), (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v))
    const ledgerBefore = snapshot()
    for (const [name, bytes, code] of cases) expect([name, await submit(bytes)]).toEqual([name, code])
    expect(snapshot()).toBe(ledgerBefore)
    expect(node.network.ledger.hbarBalance('0.0.2')).toBe(before.balance)
    expect(node.network.transactions.length).toBe(before.count)
    expect(node.network.ledger.hbarBalance(poor)).toBe(10n)

    const good = await transfer()
    expect(await submit(good)).toBe(RC.OK)
    expect(await submit(good)).toBe(RC.DUPLICATE_TRANSACTION)
    expect(node.network.transactions.length).toBe(before.count + 1)
  })

  it('answers a garbage query with a status, and a receipt for an unknown id with RECEIPT_NOT_FOUND', async () => {
    const garbage = proto.Response.decode(await call('/proto.CryptoService/getTransactionReceipts', Uint8Array.from([0x0a, 0xff, 0xff])))
    expect(garbage.transactionGetReceipt?.header?.nodeTransactionPrecheckCode).toBe(RC.INVALID_TRANSACTION)
    const query = proto.Query.encode({ transactionGetReceipt: { header: {}, transactionID: { accountID: { accountNum: Long.fromNumber(2) }, transactionValidStart: { seconds: Long.fromNumber(1), nanos: 0 } } } }).finish()
    const unknown = proto.Response.decode(await call('/proto.CryptoService/getTransactionReceipts', query))
    expect(unknown.transactionGetReceipt?.header?.nodeTransactionPrecheckCode).toBe(RC.RECEIPT_NOT_FOUND)
  })
})
