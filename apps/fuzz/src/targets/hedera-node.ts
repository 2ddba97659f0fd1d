/**
 * Malformed requests to the local network (`zvm node`, started in this
 * process on ephemeral ports): protobuf bytes to its gRPC services (random,
 * and mutated transactions and queries) and JSON-RPC bodies to its relay.
 * Invariant: each gets a typed answer (a precheck code or a Response; a
 * JSON-RPC result or error object), nothing is logged as an internal
 * failure, and the server keeps serving.
 */
import { Client as GrpcClient, credentials } from '@grpc/grpc-js'
import { proto } from '@hashgraph/proto'
import { startNode, type RunningNode } from '@zvm/node'
import type { Rng } from '../rng.ts'
import { mutate, mutations } from './evm-solc.ts'

const TRANSACTIONS = ['/proto.CryptoService/cryptoTransfer', '/proto.CryptoService/createAccount', '/proto.TokenService/createToken', '/proto.TokenService/mintToken',
  '/proto.ConsensusService/submitMessage', '/proto.ConsensusService/createTopic', '/proto.SmartContractService/callEthereum', '/proto.SmartContractService/createContract', '/proto.FileService/createFile']
const QUERIES = ['/proto.CryptoService/cryptoGetBalance', '/proto.CryptoService/getAccountInfo', '/proto.CryptoService/getTransactionReceipts', '/proto.TokenService/getTokenInfo',
  '/proto.ConsensusService/getTopicInfo', '/proto.SmartContractService/contractCallLocalMethod', '/proto.FileService/getFileContent', '/proto.NetworkService/getVersionInfo']
const RPC_METHODS = ['eth_chainId', 'eth_getBalance', 'eth_getCode', 'eth_getStorageAt', 'eth_call', 'eth_estimateGas', 'eth_sendRawTransaction', 'eth_getTransactionReceipt',
  'eth_getTransactionByHash', 'eth_getLogs', 'eth_getBlockByNumber', 'eth_getTransactionCount', 'eth_blockNumber', 'nope']

/** The node under test, with a gRPC client and what its handlers logged as failures. */
export interface NodeHarness { node: RunningNode; grpc: GrpcClient; internalErrors: string[]; close(): Promise<void> }

export async function startHarness(): Promise<NodeHarness> {
  const node = await startNode({ port: 0, mirrorPort: 0, web3Port: 0, relayPort: 0, accounts: 2 })
  const grpc = new GrpcClient(`127.0.0.1:${node.ports.grpc}`, credentials.createInsecure())
  const internalErrors: string[] = []
  // The handlers catch what they throw and log `zvm node: … failed`: that is an uncaught exception to report.
  const write = process.stderr.write.bind(process.stderr)
  process.stderr.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString()
    if (text.startsWith('zvm node:')) { internalErrors.push(text.split('\n').slice(0, 3).join(' | ')); return true }
    return (write as (...a: unknown[]) => boolean)(chunk, ...rest)
  }) as typeof process.stderr.write
  return {
    node, grpc, internalErrors,
    close: async () => { process.stderr.write = write; grpc.close(); await node.close() },
  }
}

function unary(grpc: GrpcClient, path: string, bytes: Uint8Array): Promise<{ error?: { code: number; details: string }; body?: Buffer }> {
  return new Promise((resolve) => {
    grpc.makeUnaryRequest(path, (b: Buffer) => b, (b: Buffer) => b, Buffer.from(bytes), { deadline: Date.now() + 10_000 }, (err, res) =>
      resolve(err ? { error: { code: err.code ?? -1, details: err.details ?? err.message } } : { body: res! }))
  })
}

/** A plausible transaction or query, then mutated, or plain random bytes. */
function protobuf(rng: Rng, query: boolean): Uint8Array {
  if (rng.chance(0.2)) return rng.bytes(rng.int(200))
  const id = { shardNum: 0, realmNum: 0, accountNum: rng.pick([2, 3, 1001, 1002, 99_999]) }
  let bytes: Uint8Array
  if (query) {
    const header = { responseType: rng.pick([0, 1, 2, 3]) }
    bytes = proto.Query.encode(rng.pick([
      { cryptogetAccountBalance: { header, accountID: id } },
      { cryptoGetInfo: { header, accountID: id } },
      { tokenGetInfo: { header, token: { tokenNum: rng.int(2000) } } },
      { consensusGetTopicInfo: { header, topicID: { topicNum: rng.int(2000) } } },
      { transactionGetReceipt: { header, transactionID: { accountID: id, transactionValidStart: { seconds: rng.int(1e9), nanos: rng.int(1e9) } } } },
      { contractCallLocal: { header, contractID: { contractNum: rng.int(2000) }, gas: rng.int(1e7), functionParameters: rng.bytes(rng.int(68)) } },
    ]) as unknown as proto.IQuery).finish()
  } else {
    // protobufjs takes numbers where its types say Long.
    const body = {
      transactionID: { accountID: id, transactionValidStart: { seconds: Math.floor(Date.now() / 1000) - rng.int(200), nanos: rng.int(1e9) } },
      nodeAccountID: { accountNum: rng.pick([3, 4]) }, transactionFee: rng.int(1e9), transactionValidDuration: { seconds: rng.pick([0, 120, 180, 1000]) },
      ...rng.pick([
        { cryptoTransfer: { transfers: { accountAmounts: [{ accountID: id, amount: -rng.int(100) }, { accountID: { accountNum: 1002 }, amount: rng.int(100) }] } } },
        { consensusSubmitMessage: { topicID: { topicNum: rng.int(2000) }, message: rng.bytes(rng.pick([0, 10, 1024, 1025, 5000])) } },
        { tokenMint: { token: { tokenNum: rng.int(2000) }, amount: rng.int(1000) } },
        { cryptoCreateAccount: { initialBalance: rng.int(1000) } },
        { consensusCreateTopic: { memo: 'x'.repeat(rng.pick([0, 100, 101])) } },
        { ethereumTransaction: { ethereumData: rng.bytes(rng.int(150)) } },
      ]),
    } as unknown as proto.ITransactionBody
    const signed = proto.SignedTransaction.encode({ bodyBytes: proto.TransactionBody.encode(body).finish(), sigMap: { sigPair: rng.chance(0.5) ? [{ pubKeyPrefix: rng.bytes(2), ed25519: rng.bytes(64) }] : [] } }).finish()
    bytes = proto.Transaction.encode({ signedTransactionBytes: signed }).finish()
  }
  return rng.chance(0.7) ? mutate(bytes, mutations(rng, bytes.length, rng.range(1, 4))) : bytes
}

/** A JSON-RPC body: mostly valid shapes with hostile params, some broken JSON and batches. */
function rpcBody(rng: Rng): string {
  const junk = (): unknown => rng.pick([null, 0, -1, 1e308, '0x', '0xzz', 'latest', '0x' + 'f'.repeat(rng.pick([40, 64, 65, 200])), {}, [], { to: '0x' + '1'.repeat(40), data: '0x' + Buffer.from(rng.bytes(rng.int(40))).toString('hex') }, { from: 7 }, true, 'x'.repeat(rng.int(300))])
  const one = (): unknown => (rng.chance(0.1) ? junk() : { jsonrpc: rng.chance(0.9) ? '2.0' : '1.0', id: rng.pick([1, 'a', null, {}, 2 ** 60]), method: rng.chance(0.95) ? rng.pick(RPC_METHODS) : junk(), params: rng.chance(0.9) ? Array.from({ length: rng.int(4) }, junk) : junk() })
  switch (rng.int(8)) {
    case 0: return JSON.stringify(one()).slice(0, rng.int(40)) // truncated
    case 1: return JSON.stringify(Array.from({ length: rng.pick([0, 1, 5, 101]) }, one))
    case 2: return Buffer.from(rng.bytes(rng.int(100))).toString('latin1')
    default: return JSON.stringify(one())
  }
}

const INTERNAL = /Cannot read prop|is not a function|is not iterable|Maximum call stack|undefined|internal error/i

/** Sends one random request; the broken invariant, if any. */
export async function randomRequest(rng: Rng, h: NodeHarness): Promise<{ name: string; failure?: string }> {
  const before = h.internalErrors.length
  let name: string
  let failure: string | undefined
  if (rng.chance(0.55)) {
    const query = rng.chance(0.4)
    const path = rng.pick(query ? QUERIES : TRANSACTIONS)
    name = `grpc ${query ? 'query' : 'transaction'}`
    const r = await unary(h.grpc, path, protobuf(rng, query))
    if (r.error) failure = `${path} answered gRPC status ${r.error.code}: ${r.error.details}`
    else {
      try {
        if (query) proto.Response.decode(r.body!)
        else if (typeof proto.TransactionResponse.decode(r.body!).nodeTransactionPrecheckCode !== 'number') failure = `${path}: no precheck code`
      } catch (e) { failure = `${path} answered bytes that do not decode: ${String(e)}` }
    }
  } else {
    name = 'json-rpc'
    const body = rpcBody(rng)
    const res = await fetch(`http://127.0.0.1:${h.node.ports.relay}/`, { method: 'POST', body, headers: { 'content-type': 'application/json' } })
    const text = await res.text()
    let json: unknown
    try { json = JSON.parse(text) } catch { failure = `relay answered ${res.status} with non-JSON ${text.slice(0, 80)}` }
    if (json !== undefined) {
      for (const item of Array.isArray(json) ? json : [json]) {
        const r = item as { result?: unknown; error?: { code?: unknown; message?: unknown } }
        if (!('result' in r) && typeof r.error?.code !== 'number') failure = `relay answered neither result nor typed error: ${text.slice(0, 120)}`
        else if (r.error && INTERNAL.test(String(r.error.message))) failure = `relay error looks internal: ${String(r.error.message).slice(0, 160)} for ${body.slice(0, 160)}`
      }
    }
  }
  if (h.internalErrors.length > before) failure ??= `logged an internal failure: ${h.internalErrors[before].slice(0, 300)}`
  return { name, failure }
}

/** Whether the node still answers (the relay's eth_chainId). */
export async function stillServing(h: NodeHarness): Promise<boolean> {
  const res = await fetch(`http://127.0.0.1:${h.node.ports.relay}/`, { method: 'POST', body: '{"jsonrpc":"2.0","id":1,"method":"eth_chainId"}' })
  return ((await res.json()) as { result?: string }).result === '0x12a'
}
