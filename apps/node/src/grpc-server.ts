/**
 * The consensus API over gRPC (plaintext, loopback): unary
 * `/proto.<Service>/<method>` calls carrying raw protobuf bytes, decoded
 * here so that garbage gets a status code instead of a transport error.
 * Transactions answer a TransactionResponse with the precheck code; queries
 * a Response. A handler never throws to grpc-js (the SDK would not retry).
 */
import { logVerbosity, Server, ServerCredentials, setLogVerbosity, status as GrpcStatus, type ServiceDefinition, type UntypedServiceImplementation, type handleUnaryCall } from '@grpc/grpc-js'
import { proto } from '@hashgraph/proto'
import type { LocalNetwork } from './network.ts'
import { answerQuery, refuseQuery } from './hapi/queries.ts'
import { DEFAULT_REQUESTS_PER_SECOND, RateLimiter } from './rate-limit.ts'

/** Largest gRPC message accepted (grpc-js refuses larger ones with RESOURCE_EXHAUSTED before they are decoded). */
export const MAX_GRPC_MESSAGE_BYTES = 4 * 1024 * 1024

const SERVICES: Record<string, { transactions: string[]; queries: string[] }> = {
  CryptoService: {
    transactions: ['createAccount', 'updateAccount', 'cryptoTransfer', 'cryptoDelete', 'approveAllowances', 'deleteAllowances'],
    queries: ['cryptoGetBalance', 'getAccountInfo', 'getTransactionReceipts', 'getTxRecordByTxID', 'getAccountRecords'],
  },
  FileService: { transactions: ['createFile', 'updateFile', 'deleteFile', 'appendContent'], queries: ['getFileContent', 'getFileInfo'] },
  SmartContractService: {
    transactions: ['createContract', 'updateContract', 'contractCallMethod', 'deleteContract', 'callEthereum'],
    queries: ['contractCallLocalMethod', 'getContractInfo', 'ContractGetBytecode', 'contractGetBytecode'],
  },
  TokenService: {
    transactions: ['createToken', 'updateToken', 'mintToken', 'burnToken', 'deleteToken', 'wipeTokenAccount', 'freezeTokenAccount', 'unfreezeTokenAccount',
      'grantKycToTokenAccount', 'revokeKycFromTokenAccount', 'associateTokens', 'dissociateTokens', 'pauseToken', 'unpauseToken'],
    queries: ['getTokenInfo', 'getTokenNftInfo'],
  },
  ConsensusService: { transactions: ['createTopic', 'updateTopic', 'deleteTopic', 'submitMessage'], queries: ['getTopicInfo'] },
  NetworkService: { transactions: [], queries: ['getVersionInfo'] },
}

const identity = (b: Buffer): Buffer => b

function definition(service: string, methods: string[]): ServiceDefinition {
  const out: Record<string, ServiceDefinition[string]> = {}
  for (const m of methods) {
    out[m] = {
      path: `/proto.${service}/${m}`, requestStream: false, responseStream: false,
      requestSerialize: identity, requestDeserialize: identity, responseSerialize: identity, responseDeserialize: identity, originalName: m,
    }
  }
  return out as ServiceDefinition
}

/** Binds the consensus API on 127.0.0.1:`port` (0 picks a free one); resolves to the server and its port. */
export async function startGrpc(net: LocalNetwork, port: number, limiter = new RateLimiter(DEFAULT_REQUESTS_PER_SECOND)): Promise<{ server: Server; port: number }> {
  const server = new Server({ 'grpc.max_receive_message_length': MAX_GRPC_MESSAGE_BYTES })
  // Over the rate, the precheck code BUSY, as a throttled Hedera node answers: @hashgraph/sdk backs off and retries it.
  const submit: handleUnaryCall<Buffer, Buffer> = (call, callback) => {
    if (!limiter.take()) return callback(null, Buffer.from(proto.TransactionResponse.encode({ nodeTransactionPrecheckCode: proto.ResponseCodeEnum.BUSY }).finish()))
    let code: number
    try {
      code = net.submit(call.request)
    } catch (e) {
      process.stderr.write(`zvm node: transaction failed: ${(e as Error).stack ?? String(e)}\n`)
      code = proto.ResponseCodeEnum.FAIL_INVALID
    }
    callback(null, Buffer.from(proto.TransactionResponse.encode({ nodeTransactionPrecheckCode: code }).finish()))
  }
  const query: handleUnaryCall<Buffer, Buffer> = (call, callback) => {
    if (!limiter.take()) return callback(null, Buffer.from(refuseQuery(call.request, proto.ResponseCodeEnum.BUSY)))
    try {
      callback(null, Buffer.from(answerQuery(net, call.request)))
    } catch (e) {
      callback({ code: GrpcStatus.INTERNAL, details: (e as Error).message }, null)
    }
  }
  for (const [service, { transactions, queries }] of Object.entries(SERVICES)) {
    const impl: UntypedServiceImplementation = {}
    for (const m of transactions) impl[m] = submit
    for (const m of queries) impl[m] = query
    server.addService(definition(service, [...transactions, ...queries]), impl)
  }
  // grpc-js would log a failed bind itself; the caller reports it in one line.
  setLogVerbosity(logVerbosity.NONE)
  const bound = await new Promise<number>((resolve, reject) => {
    server.bindAsync(`127.0.0.1:${port}`, ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p)))
  }).finally(() => setLogVerbosity(logVerbosity.ERROR))
  return { server, port: bound }
}
