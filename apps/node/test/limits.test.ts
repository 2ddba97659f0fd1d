/**
 * The local network's limits (docs/limits.md, "Local network"): each one is
 * hit and answered with its typed error, and the node keeps serving.
 */
import { AccountBalanceQuery, Client, FileAppendTransaction, FileCreateTransaction, PrivateKey, Status, StatusError } from '@hashgraph/sdk'
import { Client as GrpcClient, credentials, status as GrpcStatus, type ServiceError } from '@grpc/grpc-js'
import { proto } from '@hashgraph/proto'
import Long from 'long'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MAX_BATCH_REQUESTS, MAX_BODY_BYTES, MAX_FILE_BYTES, MAX_GRPC_MESSAGE_BYTES, OPERATOR_KEY, RateLimiter, startNode, type RunningNode } from '../src/index.ts'

const PORTS = { port: 0, mirrorPort: 0, web3Port: 0, relayPort: 0 }

function rawCall(grpc: GrpcClient, path: string, bytes: Uint8Array): Promise<{ err: ServiceError | null; res?: Buffer }> {
  return new Promise((resolve) => {
    grpc.makeUnaryRequest(path, (b: Buffer) => b, (b: Buffer) => b, Buffer.from(bytes), (err, res) => resolve({ err, ...(res ? { res } : {}) }))
  })
}

const post = (url: string, body: string): Promise<Response> => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body })

describe('RateLimiter', () => {
  it('holds one second of requests and refills continuously; 0 is no limit', () => {
    let now = 0
    const limiter = new RateLimiter(3, () => now)
    expect([limiter.take(), limiter.take(), limiter.take(), limiter.take()]).toEqual([true, true, true, false])
    now += 333
    expect(limiter.take()).toBe(false) // 0.999 of a token
    now += 1
    expect([limiter.take(), limiter.take()]).toEqual([true, false])
    now += 10_000
    expect([limiter.take(), limiter.take(), limiter.take(), limiter.take()]).toEqual([true, true, true, false]) // capped at one second's worth
    const off = new RateLimiter(0, () => now)
    expect(Array.from({ length: 10_000 }, () => off.take()).every(Boolean)).toBe(true)
    expect(() => new RateLimiter(-1)).toThrow(RangeError)
  })
})

describe('request sizes', () => {
  let node: RunningNode
  let grpc: GrpcClient
  let client: Client

  beforeAll(async () => {
    node = await startNode({ ...PORTS, accounts: 0 })
    grpc = new GrpcClient(`127.0.0.1:${node.ports.grpc}`, credentials.createInsecure())
    client = Client.forNetwork({ [`127.0.0.1:${node.ports.grpc}`]: '0.0.3' }, { scheduleNetworkUpdate: false })
    client.setOperator('0.0.2', PrivateKey.fromStringED25519(OPERATOR_KEY))
  })
  afterAll(async () => {
    grpc?.close()
    client?.close()
    await node?.close()
  })

  it('a gRPC message over 4 MiB: RESOURCE_EXHAUSTED, and the node keeps answering', async () => {
    const big = await rawCall(grpc, '/proto.CryptoService/cryptoTransfer', new Uint8Array(MAX_GRPC_MESSAGE_BYTES + 1))
    expect(big.err?.code).toBe(GrpcStatus.RESOURCE_EXHAUSTED)
    const small = await rawCall(grpc, '/proto.CryptoService/cryptoTransfer', new Uint8Array(7000).fill(0x0a))
    expect(proto.TransactionResponse.decode(small.res!).nodeTransactionPrecheckCode).toBe(proto.ResponseCodeEnum.TRANSACTION_OVERSIZE)
  })

  it('a file past 1 MiB: MAX_FILE_SIZE_EXCEEDED on the append that passes it, the file keeps its contents', async () => {
    const key = PrivateKey.generateED25519()
    const created = await (await new FileCreateTransaction().setKeys([key.publicKey]).setContents(new Uint8Array(4000).fill(1)).freezeWith(client).sign(key)).execute(client)
    const fileId = (await created.getReceipt(client)).fileId!
    // Raise the file to exactly the limit through the node's own state, then append one more byte through the SDK.
    const file = node.network.files.get(fileId.toString())!
    file.contents = new Uint8Array(MAX_FILE_BYTES).fill(2)
    // FileAppendTransaction waits for each chunk's receipt itself.
    const append = (await new FileAppendTransaction().setFileId(fileId).setContents(new Uint8Array([3])).freezeWith(client).sign(key)).execute(client)
    await expect(append).rejects.toSatisfy((e: unknown) => e instanceof StatusError && e.status === Status.MaxFileSizeExceeded)
    expect(file.contents.length).toBe(MAX_FILE_BYTES)
  })

  it('mirror and relay bodies over 300 KiB: HTTP 413; a JSON-RPC batch over 100: one error', async () => {
    const huge = JSON.stringify({ data: `0x${'00'.repeat(MAX_BODY_BYTES)}`, to: '0x0000000000000000000000000000000000000167' })
    const mirror = await post(`http://127.0.0.1:${node.ports.web3}/api/v1/contracts/call`, huge)
    expect(mirror.status).toBe(413)
    expect(await mirror.json()).toMatchObject({ _status: { messages: [{ message: 'Payload Too Large' }] } })
    const relay = await post(`http://127.0.0.1:${node.ports.relay}`, JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_call', params: [JSON.parse(huge), 'latest'] }))
    expect(relay.status).toBe(413)
    expect(await relay.json()).toMatchObject({ error: { code: -32600, message: 'request too large' } })
    const batch = Array.from({ length: MAX_BATCH_REQUESTS + 1 }, (_, id) => ({ jsonrpc: '2.0', id, method: 'eth_chainId', params: [] }))
    expect(await (await post(`http://127.0.0.1:${node.ports.relay}`, JSON.stringify(batch))).json()).toMatchObject({ error: { code: -32600, message: 'batch too large: 101 requests (max 100)' } })
    const ok = await (await post(`http://127.0.0.1:${node.ports.relay}`, JSON.stringify(batch.slice(0, MAX_BATCH_REQUESTS)))).json() as unknown[]
    expect(ok).toHaveLength(MAX_BATCH_REQUESTS)
  })
})

describe('request rates', () => {
  const RATE = 5
  let node: RunningNode

  beforeAll(async () => {
    node = await startNode({ ...PORTS, accounts: 0, rateLimit: RATE })
  })
  afterAll(async () => {
    await node?.close()
  })

  it('relay and mirror: the request past the rate gets HTTP 429 and its typed error', async () => {
    const relay = `http://127.0.0.1:${node.ports.relay}`
    const chainId = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] })
    const relayAnswers = await Promise.all(Array.from({ length: RATE + 3 }, () => post(relay, chainId)))
    expect(relayAnswers.filter((r) => r.status === 200).length).toBeLessThanOrEqual(RATE + 1) // one token may refill meanwhile
    const limited = relayAnswers.find((r) => r.status === 429)!
    expect(await limited.json()).toMatchObject({ error: { code: -32605, message: `rate limit exceeded: ${RATE} requests per second` } })
    const mirror = `http://127.0.0.1:${node.ports.mirror}/api/v1/accounts/0.0.2`
    const mirrorAnswers = await Promise.all(Array.from({ length: RATE + 3 }, () => fetch(mirror)))
    const tooMany = mirrorAnswers.find((r) => r.status === 429)!
    expect(await tooMany.json()).toMatchObject({ _status: { messages: [{ message: 'Too Many Requests' }] } })
  })

  it('gRPC: the precheck code BUSY past the rate (as a throttled Hedera node), and the SDK, which backs off and retries, still gets every answer', async () => {
    const grpc = new GrpcClient(`127.0.0.1:${node.ports.grpc}`, credentials.createInsecure())
    try {
      const query = proto.Query.encode({ cryptogetAccountBalance: { accountID: { accountNum: Long.fromNumber(2) } } }).finish()
      const answers = await Promise.all(Array.from({ length: RATE + 3 }, () => rawCall(grpc, '/proto.CryptoService/cryptoGetBalance', query)))
      const codes = answers.map((a) => proto.Response.decode(a.res!).cryptogetAccountBalance!.header!.nodeTransactionPrecheckCode)
      expect(codes.filter((c) => c === proto.ResponseCodeEnum.OK).length).toBeGreaterThanOrEqual(RATE)
      expect(codes).toContain(proto.ResponseCodeEnum.BUSY)
    } finally {
      grpc.close()
    }
    const client = Client.forNetwork({ [`127.0.0.1:${node.ports.grpc}`]: '0.0.3' }, { scheduleNetworkUpdate: false })
    try {
      const balances = await Promise.all(Array.from({ length: RATE + 3 }, () => new AccountBalanceQuery().setAccountId('0.0.2').execute(client)))
      expect(balances.every((b) => b.hbars.toTinybars().toNumber() > 0)).toBe(true)
    } finally {
      client.close()
    }
  })
})
