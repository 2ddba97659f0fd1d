/**
 * The mirror node REST subset (node:http): `/api/v1/contracts/call` (call
 * and estimate, errors in the mirror's `_status` shape), accounts,
 * balances, tokens, transactions, contracts (runtime bytecode, state),
 * contracts/results and their logs, and topics/{id}/messages. The relay's port answers these paths too, since the
 * SDK sends a local mirror's contract calls to port 8545 (spec §8).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { DEFAULT_REQUESTS_PER_SECOND, RateLimiter } from '../rate-limit.ts'
import { entityIdToAddress } from '@zvm/chain-hedera'
import type { Address } from '@zvm/primitives'
import { blockAt, estimateGas, simulateCall } from '../evm.ts'
import { bytesToHex, hexToBytes } from '../hapi/bytes.ts'
import type { CommittedTransaction, LocalNetwork } from '../network.ts'
import { responseName, timestampString, transactionIdString } from './format.ts'
import { contractStateJson } from './state.ts'

/** Request bodies above this are refused (the mirror's call data limit is 128 KiB of hex). */
export const MAX_BODY_BYTES = 300 * 1024

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))
  res.writeHead(status, { 'content-type': 'application/json', 'access-control-allow-origin': '*' })
  res.end(text)
}

function mirrorError(res: ServerResponse, status: number, message: string, detail = '', data = ''): void {
  sendJson(res, status, { _status: { messages: [{ message, detail, data }] } })
}

/** A body this much over the limit is not even drained: the connection is dropped. */
const MAX_DRAINED_BYTES = 64 * 1024 * 1024

/** The request body as text, or undefined when it is over MAX_BODY_BYTES (then drained, so the 413 reaches the client). */
export function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    let size = 0
    let over = false
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > MAX_DRAINED_BYTES) { req.destroy(); return }
      if (over) return
      if (size > MAX_BODY_BYTES) {
        over = true
        chunks.length = 0
        resolve(undefined)
        return
      }
      chunks.push(c)
    })
    req.on('end', () => { if (!over) resolve(Buffer.concat(chunks).toString('utf8')) })
    req.on('error', () => resolve(undefined))
  })
}

function toAddress(net: LocalNetwork, ref: unknown): Address | undefined {
  if (typeof ref !== 'string' || ref === '') return undefined
  const hex = ref.startsWith('0x') ? ref : /^[0-9a-fA-F]{40}$/.test(ref) ? `0x${ref}` : undefined
  if (hex !== undefined) {
    if (!/^0x[0-9a-fA-F]{40}$/.test(hex)) return undefined
    const lower = hex.toLowerCase() as Address
    const id = net.ledger.resolveId(lower)
    return (id !== undefined ? net.ledger.evmAddressOf(id) : undefined) ?? lower
  }
  return /^\d+\.\d+\.\d+$/.test(ref) ? net.ledger.evmAddressOf(ref) ?? entityIdToAddress(ref) : undefined
}

async function contractsCall(net: LocalNetwork, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const text = await readBody(req)
  if (text === undefined) return mirrorError(res, 413, 'Payload Too Large')
  // Every field may be absent or null (the SDK sends `from: null` without a sender).
  let body: { to?: unknown; data?: unknown; from?: unknown; gas?: unknown; value?: unknown; estimate?: unknown }
  try { body = JSON.parse(text) as typeof body } catch { return mirrorError(res, 400, 'Unable to parse JSON') }
  if (typeof body !== 'object' || body === null) return mirrorError(res, 400, 'Unable to parse JSON')
  const to = toAddress(net, body.to)
  const data = body.data == null ? new Uint8Array() : typeof body.data === 'string' ? hexToBytes(body.data) : undefined
  if (body.to != null && to === undefined) return mirrorError(res, 400, 'to field invalid hexadecimal string')
  if (data === undefined || data.length > 128 * 1024) return mirrorError(res, 400, 'data field invalid hexadecimal string')
  if (body.from != null && toAddress(net, body.from) === undefined) return mirrorError(res, 400, 'from field invalid hexadecimal string')
  const from = toAddress(net, body.from) ?? '0x0000000000000000000000000000000000000000'
  const integer = (v: unknown, fallback: bigint): bigint | undefined =>
    v == null ? fallback : (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) || (typeof v === 'string' && /^\d{1,30}$/.test(v)) ? BigInt(v) : undefined
  const gas = integer(body.gas, 15_000_000n), value = integer(body.value, 0n)
  if (gas === undefined) return mirrorError(res, 400, 'gas field must be a non-negative integer')
  if (value === undefined) return mirrorError(res, 400, 'value field must be a non-negative integer')
  const block = blockAt(net.blockNumber + 1n, net.lastConsensus.seconds)
  if (body.estimate === true) {
    const r = estimateGas(net.ledger, { from, to: to ?? null, data, value }, block)
    if (r.gas !== undefined) return sendJson(res, 200, { result: `0x${r.gas.toString(16)}` })
    return callFailure(res, r.failure!)
  }
  const r = simulateCall(net.ledger, { from, to: to ?? null, data, value, gas }, block)
  if (r.status === 'success') return sendJson(res, 200, { result: `0x${bytesToHex(r.output)}` })
  return callFailure(res, r)
}

function callFailure(res: ServerResponse, r: { responseCode: number; status: string; output: Uint8Array }): void {
  const data = `0x${bytesToHex(r.output)}`
  const reason = r.output.length >= 68 && data.startsWith('0x08c379a0') ? Buffer.from(r.output.subarray(68, 68 + Number(BigInt(`0x${bytesToHex(r.output.subarray(36, 68))}`)))).toString('utf8') : data
  mirrorError(res, 400, responseName(r.responseCode), r.status === 'revert' ? reason : '', data)
}

function txJson(net: LocalNetwork, t: CommittedTransaction): Record<string, unknown> {
  return {
    consensus_timestamp: timestampString(t.consensus), transaction_id: transactionIdString(t.transactionId), name: t.name.toUpperCase(),
    result: responseName(t.status), charged_tx_fee: Number(t.fee), transaction_hash: Buffer.from(t.hash).toString('base64'),
    transfers: [...t.transfers].filter(([, a]) => a !== 0n).map(([account, amount]) => ({ account, amount: Number(amount), is_approval: false })),
    entity_id: t.receipt.accountID ? `0.0.${t.receipt.accountID.accountNum}` : t.receipt.tokenID ? `0.0.${t.receipt.tokenID.tokenNum}` : t.receipt.topicID ? `0.0.${t.receipt.topicID.topicNum}` : t.receipt.contractID ? `0.0.${t.receipt.contractID.contractNum}` : null,
    memo_base64: Buffer.from(String(t.record.memo ?? '')).toString('base64'), node: '0.0.3',
  }
}

export function contractResultJson(net: LocalNetwork, t: CommittedTransaction): Record<string, unknown> {
  const e = t.evm!
  const contractId = e.contractId ?? (e.to ? net.ledger.resolveId(e.to) : undefined) ?? null
  return {
    address: e.createdAddress ?? e.to, contract_id: contractId, from: e.from, to: e.to ?? e.createdAddress, amount: Number(e.value),
    call_result: `0x${bytesToHex(e.output)}`, error_message: e.errorMessage || null, function_parameters: `0x${bytesToHex(e.input)}`,
    gas_limit: Number(e.gasLimit), gas_used: Number(e.gasUsed), result: responseName(t.status), status: e.success ? '0x1' : '0x0',
    timestamp: timestampString(t.consensus), hash: `0x${bytesToHex(t.hash.subarray(0, 32))}`, block_number: t.index + 1,
    created_contract_ids: e.createdAddress && contractId ? [contractId] : [],
    logs: logsJson(net, t),
  }
}

function logsJson(net: LocalNetwork, t: CommittedTransaction): Array<Record<string, unknown>> {
  return (t.evm?.logs ?? []).map((l, i) => ({
    address: l.address, contract_id: net.ledger.resolveId(l.address) ?? null, data: `0x${bytesToHex(l.data)}`, index: i,
    topics: l.topics.map((x) => `0x${x.toString(16).padStart(64, '0')}`), timestamp: timestampString(t.consensus), block_number: t.index + 1,
    transaction_hash: `0x${bytesToHex(t.hash.subarray(0, 32))}`,
  }))
}

/** Answers a mirror path; false when the path is not a mirror one. */
export async function handleMirror(net: LocalNetwork, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const url = new URL(req.url ?? '/', 'http://localhost')
  const path = url.pathname.replace(/\/+$/, '')
  if (!path.startsWith('/api/v1/')) return false
  if (path === '/api/v1/contracts/call') {
    if (req.method !== 'POST') { mirrorError(res, 405, 'Method not allowed'); return true }
    await contractsCall(net, req, res)
    return true
  }
  const ledger = net.ledger
  let m: RegExpExecArray | null
  if ((m = /^\/api\/v1\/topics\/([\d.]+)\/messages(?:\/(\d+))?$/.exec(path))) {
    const topic = m[1].includes('.') ? m[1] : `0.0.${m[1]}`
    if (!ledger.getTopic(topic)) { mirrorError(res, 404, 'Not found'); return true }
    const all = net.topicMessages.filter((x) => x.topicId === topic).map((x) => ({
      consensus_timestamp: timestampString(x.consensus), topic_id: topic, message: Buffer.from(x.message).toString('base64'),
      running_hash: Buffer.from(x.runningHash).toString('base64'), running_hash_version: 3, sequence_number: Number(x.sequenceNumber), payer_account_id: x.payer,
    }))
    if (m[2] !== undefined) {
      const one = all.find((x) => x.sequence_number === Number(m![2]))
      if (one) sendJson(res, 200, one)
      else mirrorError(res, 404, 'Not found')
      return true
    }
    const seqGt = Number(/^gt?e?:(\d+)$/.exec(url.searchParams.get('sequencenumber') ?? '')?.[1] ?? 0)
    const limit = Math.min(Number(url.searchParams.get('limit') ?? 100) || 100, 100)
    sendJson(res, 200, { messages: all.filter((x) => x.sequence_number >= seqGt).slice(0, limit), links: { next: null } })
    return true
  }
  if ((m = /^\/api\/v1\/accounts\/([^/]+)$/.exec(path))) {
    const id = ledger.resolveId(m[1])
    const a = id === undefined ? undefined : ledger.getAccount(id)
    if (!a) { mirrorError(res, 404, 'Not found'); return true }
    sendJson(res, 200, {
      account: a.id, evm_address: ledger.evmAddressOf(a.id), alias: null, memo: a.memo, deleted: false,
      balance: { balance: Number(ledger.hbarBalance(a.id)), timestamp: timestampString(net.lastConsensus), tokens: tokenBalances(net, a.id) },
      max_automatic_token_associations: a.maxAutoAssociations, ethereum_nonce: Number(net.state.getNonce(ledger.evmAddressOf(a.id)!)),
      key: a.key ? { _type: a.key.kind === 'ecdsa' ? 'ECDSA_SECP256K1' : a.key.kind === 'ed25519' ? 'ED25519' : 'ProtobufEncoded', key: a.key.kind === 'entity' ? a.key.address : Buffer.from(a.key.bytes).toString('hex') } : null,
    })
    return true
  }
  if (path === '/api/v1/balances') {
    const ref = url.searchParams.get('account.id')?.replace(/^eq:/, '')
    const ids = ref ? [ledger.resolveId(ref)].filter((x): x is string => x !== undefined && ledger.getAccount(x) !== undefined) : []
    sendJson(res, 200, { timestamp: timestampString(net.lastConsensus), balances: ids.map((id) => ({ account: id, balance: Number(ledger.hbarBalance(id)), tokens: tokenBalances(net, id) })), links: { next: null } })
    return true
  }
  if ((m = /^\/api\/v1\/tokens\/([\d.]+)$/.exec(path))) {
    const t = ledger.getToken(m[1])
    if (!t) { mirrorError(res, 404, 'Not found'); return true }
    sendJson(res, 200, {
      token_id: t.id, name: t.name, symbol: t.symbol, decimals: String(t.decimals), total_supply: t.totalSupply.toString(), treasury_account_id: t.treasury,
      type: t.type === 'nonFungible' ? 'NON_FUNGIBLE_UNIQUE' : 'FUNGIBLE_COMMON', supply_type: t.supplyType.toUpperCase(), max_supply: t.maxSupply.toString(),
      memo: t.memo, deleted: t.deleted, pause_status: t.paused ? 'PAUSED' : 'UNPAUSED', freeze_default: t.freezeDefault,
    })
    return true
  }
  if (path === '/api/v1/transactions') {
    const limit = Math.min(Number(url.searchParams.get('limit') ?? 25) || 25, 100)
    const account = url.searchParams.get('account.id')
    const list = net.transactions.filter((t) => account === null || t.payer === account || t.transfers.has(account)).slice(-limit).reverse()
    sendJson(res, 200, { transactions: list.map((t) => txJson(net, t)), links: { next: null } })
    return true
  }
  if ((m = /^\/api\/v1\/transactions\/([^/]+)$/.exec(path))) {
    const t = findTransaction(net, m[1])
    if (!t) { mirrorError(res, 404, 'Not found'); return true }
    sendJson(res, 200, { transactions: [txJson(net, t)] })
    return true
  }
  if ((m = /^\/api\/v1\/contracts\/results\/([^/]+)$/.exec(path))) {
    const t = findTransaction(net, m[1])
    if (!t?.evm) { mirrorError(res, 404, 'Not found'); return true }
    sendJson(res, 200, contractResultJson(net, t))
    return true
  }
  if ((m = /^\/api\/v1\/contracts\/([^/]+)\/results(\/logs)?$/.exec(path))) {
    const address = toAddress(net, m[1])
    const list = net.transactions.filter((t) => t.evm && (t.evm.to === address || t.evm.createdAddress === address))
    if (m[2]) sendJson(res, 200, { logs: list.flatMap((t) => logsJson(net, t)).filter((l) => l.address === address), links: { next: null } })
    else sendJson(res, 200, { results: list.map((t) => contractResultJson(net, t)), links: { next: null } })
    return true
  }
  if ((m = /^\/api\/v1\/contracts\/([^/]+)\/state$/.exec(path))) {
    const address = toAddress(net, m[1])
    const id = address === undefined ? undefined : ledger.resolveId(address)
    if (id === undefined || !net.contracts.has(id)) { mirrorError(res, 404, 'Not found'); return true }
    const page = contractStateJson(net, address!, id, path, url.searchParams)
    if (typeof page === 'string') mirrorError(res, 400, page)
    else sendJson(res, 200, page)
    return true
  }
  if ((m = /^\/api\/v1\/contracts\/([^/]+)$/.exec(path))) {
    const address = toAddress(net, m[1])
    const id = address === undefined ? undefined : ledger.resolveId(address)
    const meta = id === undefined ? undefined : net.contracts.get(id)
    if (!meta) { mirrorError(res, 404, 'Not found'); return true }
    sendJson(res, 200, { contract_id: meta.id, evm_address: meta.address, memo: meta.memo, runtime_bytecode: `0x${bytesToHex(net.state.getCode(meta.address))}` })
    return true
  }
  mirrorError(res, 404, 'Not found')
  return true
}

function tokenBalances(net: LocalNetwork, account: string): Array<{ token_id: string; balance: number }> {
  return net.tokenIds().flatMap((token) => {
    const rel = net.ledger.getRelation(token, account)
    return rel ? [{ token_id: token, balance: Number(rel.balance) }] : []
  })
}

/** A transaction by mirror id (`0.0.2-secs-nanos`), SDK id (`0.0.2@secs.nanos`) or hash (0x + 32 or 48 bytes). */
export function findTransaction(net: LocalNetwork, ref: string): CommittedTransaction | undefined {
  const decoded = decodeURIComponent(ref)
  if (/^0x[0-9a-fA-F]+$/.test(decoded)) {
    const h = decoded.slice(2).toLowerCase()
    return net.transactions.find((t) => bytesToHex(t.hash).startsWith(h) && (h.length === 64 || h.length === 96)) ?? net.ethByHash(decoded.toLowerCase())
  }
  const m = /^(\d+\.\d+\.\d+)[-@](\d+)[-.](\d+)$/.exec(decoded)
  if (!m) return undefined
  return net.byId.get(`${m[1]}@${m[2]}.${m[3].padStart(9, '0')}`)
}

export async function startMirror(net: LocalNetwork, port: number, limiter = new RateLimiter(DEFAULT_REQUESTS_PER_SECOND)): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    if (!limiter.take()) {
      req.resume() // drain the body so the connection stays usable
      return mirrorError(res, 429, 'Too Many Requests', `rate limit: ${limiter.perSecond} requests per second`)
    }
    handleMirror(net, req, res).then((handled) => { if (!handled) mirrorError(res, 404, 'Not found') }).catch((e: unknown) => {
      process.stderr.write(`zvm node: mirror ${req.url}: ${(e as Error).stack ?? String(e)}\n`)
      if (!res.headersSent) mirrorError(res, 500, 'Internal error')
    })
  })
  return listen(server, port)
}

export function listen(server: Server, port: number): Promise<{ server: Server; port: number }> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject)
      const address = server.address()
      resolve({ server, port: typeof address === 'object' && address !== null ? address.port : port })
    })
  })
}


