/**
 * `/api/v1/contracts/{id}/state`: a contract's storage slots in the public
 * mirror node's shape (`{ state: [{ address, contract_id, timestamp, slot,
 * value }], links: { next } }`, slots and values as 32-byte 0x hex, in slot
 * order), `limit` (default 25, at most 100) and `slot=gt:0x…` paging via
 * `links.next`. The node keeps no per-slot history, so `timestamp` is the
 * latest consensus time and the `timestamp` query parameter is not served.
 */
import type { Address } from '@zvm/primitives'
import { MemoryDatabase } from '@zvm/state'
import type { LocalNetwork } from '../network.ts'
import { timestampString } from './format.ts'

const word = (x: bigint): string => `0x${x.toString(16).padStart(64, '0')}`

/** The storage of `address` from the node's database, sorted by slot (the state is finalized between transactions). */
function storageOf(net: LocalNetwork, address: Address): Array<[bigint, bigint]> {
  const db = net.state.db
  if (!(db instanceof MemoryDatabase)) return []
  for (const a of db.accounts()) if (a.address === address) return [...a.storage].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
  return []
}

/** The page's JSON for `address` (contract `contractId`) under the request's query, or an error message for a bad parameter. */
export function contractStateJson(net: LocalNetwork, address: Address, contractId: string, path: string, query: URLSearchParams): Record<string, unknown> | string {
  const limitText = query.get('limit')
  const limit = limitText === null ? 25 : /^\d{1,4}$/.test(limitText) && Number(limitText) > 0 ? Math.min(Number(limitText), 100) : undefined
  if (limit === undefined) return 'Invalid parameter: limit'
  const slotText = query.get('slot')
  const after = slotText === null ? -1n : /^(gt:)?(0x)?[0-9a-fA-F]{1,64}$/.test(slotText) ? BigInt(`0x${slotText.replace(/^gt:/, '').replace(/^0x/, '')}`) : undefined
  if (after === undefined) return 'Invalid parameter: slot'
  const exact = slotText !== null && !slotText.startsWith('gt:')
  const all = storageOf(net, address).filter(([k]) => (exact ? k === after : k > after))
  const page = all.slice(0, limit)
  const timestamp = timestampString(net.lastConsensus)
  const last = page[page.length - 1]
  return {
    state: page.map(([k, v]) => ({ address, contract_id: contractId, timestamp, slot: word(k), value: word(v) })),
    links: { next: all.length > limit && last ? `${path}?limit=${limit}&slot=gt:${word(last[0])}` : null },
  }
}
