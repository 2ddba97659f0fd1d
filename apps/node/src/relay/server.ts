/**
 * The Ethereum JSON-RPC relay subset (what viem and ethers use). Balances
 * are answered in weibar (tinybar × 10^10); one block per committed
 * transaction. Also answers the mirror's `/api/v1/…` paths (the SDK's
 * local mirror URL for contract calls is this port, spec §8).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { DEFAULT_REQUESTS_PER_SECOND, RateLimiter } from '../rate-limit.ts'
import type { Address } from '@zvm/primitives'
import { blockAt, estimateGas, LOCAL_CHAIN_ID, simulateCall } from '../evm.ts'
import { bytesToHex, hexToBytes } from '../hapi/bytes.ts'
import { TINYBAR_PER_GAS } from '../hapi/fees.ts'
import { handleMirror, listen, readBody, sendJson } from '../mirror/server.ts'
import type { CommittedTransaction, LocalNetwork } from '../network.ts'
import { EthereumExecutor, WEIBAR_PER_TINYBAR } from './ethereum.ts'

const hex = (n: bigint | number): string => `0x${n.toString(16)}`
/** Gas price in weibar: 71 tinybar per gas. */
const GAS_PRICE_WEI = TINYBAR_PER_GAS * WEIBAR_PER_TINYBAR

interface RpcRequest { jsonrpc?: string; id?: unknown; method?: unknown; params?: unknown }
class RpcError extends Error {
  readonly code: number
  readonly data: string | undefined
  constructor(code: number, message: string, data?: string) {
    super(message)
    this.code = code
    this.data = data
  }
}

function addressParam(v: unknown): Address {
  if (typeof v !== 'string' || !/^0x[0-9a-fA-F]{40}$/.test(v)) throw new RpcError(-32602, 'invalid address')
  return v.toLowerCase() as Address
}

/** A hex quantity or 32-byte word (`0x…`, at most 256 bits); anything else is invalid params, never a TypeError. */
function quantityParam(v: unknown, name: string): bigint {
  if (typeof v !== 'string' || !/^0x[0-9a-fA-F]{1,64}$/.test(v)) throw new RpcError(-32602, `invalid ${name}: expected a 0x-prefixed hex quantity of at most 256 bits`)
  return BigInt(v)
}

function resolveAddress(net: LocalNetwork, a: Address): Address {
  const id = net.ledger.resolveId(a)
  return (id !== undefined ? net.ledger.evmAddressOf(id) : undefined) ?? a
}

function callParams(net: LocalNetwork, p: unknown): { from: Address; to: Address | null; data: Uint8Array; value: bigint; gas?: bigint } {
  if (typeof p !== 'object' || p === null) throw new RpcError(-32602, 'call object expected')
  const c = p as Record<string, unknown>
  const data = hexToBytes(typeof c.data === 'string' ? c.data : typeof c.input === 'string' ? c.input : '0x')
  if (!data) throw new RpcError(-32602, 'invalid data')
  const from = c.from === undefined ? '0x0000000000000000000000000000000000000000' : resolveAddress(net, addressParam(c.from))
  const to = c.to === undefined || c.to === null ? null : resolveAddress(net, addressParam(c.to))
  const value = c.value === undefined ? 0n : quantityParam(c.value, 'value') / WEIBAR_PER_TINYBAR
  return { from, to, data, value, ...(c.gas !== undefined ? { gas: quantityParam(c.gas, 'gas') } : {}) }
}

function receiptJson(t: CommittedTransaction): Record<string, unknown> {
  const e = t.evm
  const block = hex(t.index + 1)
  const hash = t.ethereum!.hash
  return {
    transactionHash: hash, transactionIndex: '0x0', blockHash: blockHash(t.index + 1), blockNumber: block, from: e?.from ?? null, to: e?.to ?? null,
    cumulativeGasUsed: hex(e?.gasUsed ?? 0n), gasUsed: hex(e?.gasUsed ?? 0n), effectiveGasPrice: hex(GAS_PRICE_WEI), contractAddress: e?.createdAddress ?? null,
    logs: (e?.logs ?? []).map((l, i) => ({
      address: l.address, topics: l.topics.map((x) => `0x${x.toString(16).padStart(64, '0')}`), data: `0x${bytesToHex(l.data)}`, blockNumber: block,
      blockHash: blockHash(t.index + 1), transactionHash: hash, transactionIndex: '0x0', logIndex: hex(i), removed: false,
    })),
    logsBloom: `0x${'0'.repeat(512)}`, status: e?.success ? '0x1' : '0x0', type: t.ethereum!.type === 'eip1559' ? '0x2' : t.ethereum!.type === 'eip2930' ? '0x1' : '0x0',
  }
}

const blockHash = (n: number): string => `0x${n.toString(16).padStart(64, '0')}`

function blockTag(net: LocalNetwork, tag: unknown): number {
  if (tag === undefined || tag === 'latest' || tag === 'pending' || tag === 'safe' || tag === 'finalized') return net.transactions.length
  if (tag === 'earliest') return 0
  if (typeof tag === 'string' && /^0x[0-9a-fA-F]{1,16}$/.test(tag)) return Number(BigInt(tag))
  throw new RpcError(-32602, 'invalid block tag')
}

async function dispatch(net: LocalNetwork, eth: EthereumExecutor, method: string, params: unknown[]): Promise<unknown> {
  const block = blockAt(net.blockNumber + 1n, net.lastConsensus.seconds)
  switch (method) {
    case 'eth_chainId': return hex(LOCAL_CHAIN_ID)
    case 'net_version': return LOCAL_CHAIN_ID.toString()
    case 'web3_clientVersion': return 'zvm-node/0.1.0'
    case 'eth_blockNumber': return hex(net.transactions.length)
    case 'eth_gasPrice': return hex(GAS_PRICE_WEI)
    case 'eth_maxPriorityFeePerGas': return '0x0'
    case 'eth_getBalance': return hex(net.ledger.hbarBalance(resolveAddress(net, addressParam(params[0]))) * WEIBAR_PER_TINYBAR)
    case 'eth_getTransactionCount': return hex(net.state.getNonce(resolveAddress(net, addressParam(params[0]))))
    case 'eth_getCode': return `0x${bytesToHex(net.state.getCode(resolveAddress(net, addressParam(params[0]))))}`
    case 'eth_getStorageAt': return `0x${net.state.sload(resolveAddress(net, addressParam(params[0])), quantityParam(params[1], 'storage slot')).toString(16).padStart(64, '0')}`
    case 'eth_call': {
      const c = callParams(net, params[0])
      const r = simulateCall(net.ledger, { ...c, gas: c.gas ?? 15_000_000n }, block)
      if (r.status === 'revert') throw new RpcError(3, 'execution reverted', `0x${bytesToHex(r.output)}`)
      if (r.status !== 'success') throw new RpcError(-32000, `call failed with response code ${r.responseCode}`)
      return `0x${bytesToHex(r.output)}`
    }
    case 'eth_estimateGas': {
      const c = callParams(net, params[0])
      const r = estimateGas(net.ledger, c, block)
      if (r.gas === undefined) throw new RpcError(r.failure!.status === 'revert' ? 3 : -32000, 'execution reverted', `0x${bytesToHex(r.failure!.output)}`)
      return hex(r.gas)
    }
    case 'eth_sendRawTransaction': {
      if (typeof params[0] !== 'string' || !/^0x[0-9a-fA-F]+$/.test(params[0])) throw new RpcError(-32602, 'raw transaction hex expected')
      const r = await eth.send(params[0])
      if ('error' in r) throw new RpcError(-32000, r.error)
      return r.hash
    }
    case 'eth_getTransactionReceipt': {
      const t = typeof params[0] === 'string' ? net.ethByHash(params[0].toLowerCase()) : undefined
      return t ? receiptJson(t) : null
    }
    case 'eth_getTransactionByHash': {
      const t = typeof params[0] === 'string' ? net.ethByHash(params[0].toLowerCase()) : undefined
      if (!t) return null
      return {
        hash: t.ethereum!.hash, nonce: hex(t.ethereum!.nonce), blockHash: blockHash(t.index + 1), blockNumber: hex(t.index + 1), transactionIndex: '0x0',
        from: t.evm?.from, to: t.evm?.to ?? null, value: hex(t.ethereum!.valueWei), gas: hex(t.evm?.gasLimit ?? 0n), gasPrice: hex(t.ethereum!.gasPriceWei),
        input: `0x${bytesToHex(t.evm?.input ?? new Uint8Array())}`, chainId: hex(LOCAL_CHAIN_ID), type: receiptJson(t).type,
      }
    }
    case 'eth_getLogs': {
      const f = (params[0] ?? {}) as { fromBlock?: unknown; toBlock?: unknown; address?: unknown; topics?: unknown[] }
      const from = blockTag(net, f.fromBlock ?? 'earliest'), to = blockTag(net, f.toBlock ?? 'latest')
      const addresses = f.address === undefined ? undefined : (Array.isArray(f.address) ? f.address : [f.address]).map((a) => addressParam(a))
      const out: unknown[] = []
      for (const t of net.transactions.slice(Math.max(0, from - 1), to)) {
        if (!t.evm) continue
        t.evm.logs.forEach((l, i) => {
          if (addresses && !addresses.includes(l.address)) return
          const topics = l.topics.map((x) => `0x${x.toString(16).padStart(64, '0')}`)
          if (f.topics && !f.topics.every((want, k) => want === null || (Array.isArray(want) ? want.includes(topics[k]) : topics[k] === (want as string)?.toLowerCase()))) return
          out.push({
            address: l.address, topics, data: `0x${bytesToHex(l.data)}`, blockNumber: hex(t.index + 1), blockHash: blockHash(t.index + 1),
            transactionHash: t.ethereum?.hash ?? `0x${bytesToHex(t.hash.subarray(0, 32))}`, transactionIndex: '0x0', logIndex: hex(i), removed: false,
          })
        })
      }
      return out
    }
    case 'eth_getBlockByNumber': {
      const n = blockTag(net, params[0])
      if (n > net.transactions.length) return null
      const t = n === 0 ? undefined : net.transactions[n - 1]
      return {
        number: hex(n), hash: blockHash(n), parentHash: blockHash(Math.max(0, n - 1)), timestamp: hex(t?.consensus.seconds ?? 0n), gasLimit: hex(15_000_000),
        gasUsed: hex(t?.evm?.gasUsed ?? 0n), baseFeePerGas: '0x0', miner: '0x0000000000000000000000000000000000000062', difficulty: '0x0', totalDifficulty: '0x0',
        extraData: '0x', logsBloom: `0x${'0'.repeat(512)}`, nonce: '0x0000000000000000', sha3Uncles: `0x${'0'.repeat(64)}`, size: '0x0', stateRoot: `0x${'0'.repeat(64)}`,
        receiptsRoot: `0x${'0'.repeat(64)}`, transactionsRoot: `0x${'0'.repeat(64)}`, mixHash: `0x${'0'.repeat(64)}`, uncles: [],
        transactions: t?.ethereum ? [t.ethereum.hash] : [],
      }
    }
    default: throw new RpcError(-32601, `method ${method} is not supported`)
  }
}

async function handleRpc(net: LocalNetwork, eth: EthereumExecutor, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const text = await readBody(req)
  if (text === undefined) return sendJson(res, 413, { jsonrpc: '2.0', id: null, error: { code: -32600, message: 'request too large' } })
  let body: unknown
  try { body = JSON.parse(text) } catch { return sendJson(res, 200, { jsonrpc: '2.0', id: null, error: { code: -32700, message: 'parse error' } }) }
  const one = async (r: RpcRequest): Promise<unknown> => {
    const id = r?.id ?? null
    if (typeof r !== 'object' || r === null || typeof r.method !== 'string') return { jsonrpc: '2.0', id, error: { code: -32600, message: 'invalid request' } }
    try {
      return { jsonrpc: '2.0', id, result: await dispatch(net, eth, r.method, Array.isArray(r.params) ? r.params : []) }
    } catch (e) {
      if (e instanceof RpcError) return { jsonrpc: '2.0', id, error: { code: e.code, message: e.message, ...(e.data !== undefined ? { data: e.data } : {}) } }
      return { jsonrpc: '2.0', id, error: { code: -32602, message: `invalid params: ${(e as Error).message}` } }
    }
  }
  if (Array.isArray(body)) {
    if (body.length > MAX_BATCH_REQUESTS) return sendJson(res, 200, { jsonrpc: '2.0', id: null, error: { code: -32600, message: `batch too large: ${body.length} requests (max ${MAX_BATCH_REQUESTS})` } })
    const out: unknown[] = []
    for (const r of body) out.push(await one(r as RpcRequest))
    return sendJson(res, 200, out)
  }
  sendJson(res, 200, await one(body as RpcRequest))
}

/** Requests in one JSON-RPC batch (Hedera's relay allows 100). */
export const MAX_BATCH_REQUESTS = 100

export async function startRelay(net: LocalNetwork, port: number, limiter = new RateLimiter(DEFAULT_REQUESTS_PER_SECOND)): Promise<{ server: Server; port: number }> {
  const eth = net.ethereum instanceof EthereumExecutor ? net.ethereum : new EthereumExecutor(net)
  net.ethereum = eth
  const server = createServer((req, res) => {
    if (!limiter.take()) {
      req.resume() // drain the body so the connection stays usable
      return sendJson(res, 429, { jsonrpc: '2.0', id: null, error: { code: -32605, message: `rate limit exceeded: ${limiter.perSecond} requests per second` } })
    }
    const work = req.url?.startsWith('/api/v1/') ? handleMirror(net, req, res) : req.method === 'POST' ? handleRpc(net, eth, req, res) : Promise.resolve(sendJson(res, 405, { error: 'POST JSON-RPC here' }))
    Promise.resolve(work).catch((e: unknown) => {
      process.stderr.write(`zvm node: relay: ${(e as Error).stack ?? String(e)}\n`)
      if (!res.headersSent) sendJson(res, 500, { jsonrpc: '2.0', id: null, error: { code: -32603, message: 'internal error' } })
    })
  })
  return listen(server, port)
}
