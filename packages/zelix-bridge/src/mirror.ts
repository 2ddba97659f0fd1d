/**
 * The mirror node's `/api/v1/contracts/call` (the web3 module): a call or a
 * gas estimate (`estimate: true`) simulated against the latest state,
 * nothing sent to consensus. Errors come back in the mirror's `_status`
 * shape (`{ _status: { messages: [{ message, detail, data }] } }`), where
 * `message` is the Hedera status name.
 */
import { ResponseCode } from '@zvm/chain-hedera'
import type { Hex } from 'viem'
import { ZelixError } from './errors.ts'

export interface MirrorCallRequest {
  to: Hex
  data: Hex
  from?: Hex
  /** Tinybar. */
  value?: bigint
  gas?: bigint
  estimate: boolean
}

interface MirrorMessage { message?: string; detail?: string; data?: string }

/** POSTs a call to `${mirrorUrl}/api/v1/contracts/call` and returns its `result` (hex), or throws the mirror's status as a ZelixError. */
export async function mirrorContractCall(mirrorUrl: string, request: MirrorCallRequest, what: string): Promise<Hex> {
  const body = {
    to: request.to, data: request.data, estimate: request.estimate, block: 'latest',
    ...(request.from ? { from: request.from } : {}),
    ...(request.value ? { value: Number(request.value) } : {}),
    ...(request.gas ? { gas: Number(request.gas) } : {}),
  }
  let res: Response
  try {
    res = await fetch(`${mirrorUrl.replace(/\/+$/, '')}/api/v1/contracts/call`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  } catch (cause) {
    throw new ZelixError('ZELIX_MIRROR_UNAVAILABLE', `${what}: mirror node ${mirrorUrl} is not reachable`, { cause })
  }
  const text = await res.text()
  let json: { result?: unknown; _status?: { messages?: MirrorMessage[] } }
  try { json = JSON.parse(text) as typeof json } catch (cause) {
    throw new ZelixError('ZELIX_MIRROR_UNAVAILABLE', `${what}: mirror node answered ${res.status} with no JSON`, { cause })
  }
  if (res.ok && typeof json.result === 'string') return json.result as Hex
  const m = json._status?.messages?.[0] ?? {}
  const name = m.message ?? ''
  const status = (ResponseCode as Readonly<Record<string, number>>)[name]
  const revertData = typeof m.data === 'string' && m.data.startsWith('0x') && m.data.length > 2 ? (m.data as Hex) : undefined
  const details = { ...(m.detail ? { reason: m.detail } : {}), ...(revertData ? { revertData } : {}) }
  if (status !== undefined) throw ZelixError.fromStatus(status, `${what} (mirror)`, details)
  throw new ZelixError('ZELIX_MIRROR_UNAVAILABLE', `${what}: mirror node answered ${res.status} ${name}${m.detail ? `: ${m.detail}` : ''}`, details)
}
