/** Module `x`: context — ledger info, events, logs, errors, comparison. */
import { ErrorCode, ErrorType, HostError } from '../../errors.ts'
import { majorOf, minorOf } from '../../val.ts'
import type { Of } from '../objects.ts'
import type { HostImplementation } from './types.ts'

const MAX_TOPICS = 4

export const context: Record<string, HostImplementation> = {
  log_from_linear_memory: (h, [msgPos, msgLen, valsPos, valsLen]) => {
    const message = new TextDecoder().decode(h.readMemory(msgPos as number, msgLen as number))
    const args = h.readU64s(valsPos as number, valsLen as number).map((v) => h.store.toScVal(h.toAbs(h.frame, v)))
    h.diagnostics.push({ contractId: h.frame.contract, message, args })
    return undefined
  },
  obj_cmp: (h, [a, b]) => BigInt(h.store.compare(a as bigint, b as bigint)),
  contract_event: (h, [topics, data]) => {
    const list = (topics as Of<'vec'>).value
    if (list.length > MAX_TOPICS) throw new HostError(ErrorType.Events, ErrorCode.InvalidInput, `${list.length} topics (at most ${MAX_TOPICS})`)
    h.events.push({ contractId: h.frame.contract, topics: list.map((t) => h.store.toScVal(t)), data: h.store.toScVal(data as bigint) })
    return undefined
  },
  get_ledger_version: (h) => h.env.info.protocolVersion,
  get_ledger_sequence: (h) => h.env.info.sequence,
  get_ledger_timestamp: (h) => h.env.info.timestamp,
  fail_with_error: (_h, [error]) => {
    const e = error as bigint
    if (minorOf(e) !== ErrorType.Contract) throw new HostError(ErrorType.Context, ErrorCode.UnexpectedType, 'fail_with_error takes a contract error')
    throw new HostError(ErrorType.Contract, majorOf(e), 'contract failed with its error code')
  },
  get_ledger_network_id: (h) => ({ kind: 'bytes', value: h.env.networkId.slice() }),
  get_current_contract_address: (h) => ({ kind: 'address', value: h.frame.contract }),
  get_max_live_until_ledger: (h) => h.env.info.sequence + h.env.info.maxEntryTtl - 1,
}
