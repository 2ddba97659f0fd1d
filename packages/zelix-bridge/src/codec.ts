/**
 * How a contract's bytes become values for the bridge: events and revert
 * reasons decoded by a Solidity ABI (viem) or a KALIX ABI (runtime-kalix),
 * behind one small interface so sending and error mapping need not know which.
 */
import type { ContractFunctionResult } from '@hashgraph/sdk'
import type { KalixContract } from '@zvm/runtime-kalix'
import { bytesToHex, decodeErrorResult, decodeEventLog, hexToBytes, type Abi, type Hex } from 'viem'
import { kalixEvent, kalixRevertReason } from './kalix.ts'

/** An event log decoded by the contract's ABI; `eventName` is undefined for a log the ABI does not describe. */
export interface DecodedEvent {
  /** The emitting contract, `0.0.1234`. */
  contractId: string
  eventName: string | undefined
  /** The fields by name (by position, `'0'`, `'1'`, …, for unnamed ones); empty for a log the ABI does not describe. */
  args: Readonly<Record<string, unknown>>
  topics: readonly Hex[]
  data: Hex
}

/** Decoding of one contract's events and revert data. */
export interface Codec {
  events(result: ContractFunctionResult | null): DecodedEvent[]
  /** The revert reason in `data`, else the network's message. */
  reason(data: Hex | undefined, message: string | null | undefined): string | undefined
}

type Decoded = { eventName: string | undefined; args: Readonly<Record<string, unknown>> }

function eventsOf(result: ContractFunctionResult | null, decode: (log: { topics: Hex[]; data: Hex; raw: { contractId: string; topics: Uint8Array[]; data: Uint8Array } }) => Decoded): DecodedEvent[] {
  if (!result) return []
  return result.logs.map((log) => {
    const topics = log.topics.map((t) => bytesToHex(t))
    const data = bytesToHex(log.data)
    const contractId = log.contractId?.toString() ?? ''
    return { contractId, topics, data, ...decode({ topics, data, raw: { contractId, topics: log.topics, data: log.data } }) }
  })
}

/** A Solidity ABI's codec (viem). */
export function evmCodec(abi: Abi): Codec {
  return {
    events: (result) => eventsOf(result, ({ topics, data }) => {
      try {
        const e = decodeEventLog({ abi, topics: topics as [Hex, ...Hex[]], data })
        const args: unknown = e.args
        return { eventName: e.eventName, args: Array.isArray(args) ? { ...args } : (args ?? {}) as Readonly<Record<string, unknown>> }
      } catch {
        return { eventName: undefined, args: {} }
      }
    }),
    reason(data, message) {
      if (data && data.length > 2) {
        try {
          const e = decodeErrorResult({ abi, data })
          const args: readonly unknown[] = e.args ?? []
          if (e.errorName === 'Error') return String(args[0])
          if (e.errorName === 'Panic') return `Panic(${String(args[0])})`
          return `${e.errorName}(${args.map(String).join(', ')})`
        } catch { /* not in the ABI: the message below */ }
      }
      return message || undefined
    },
  }
}

/** A KALIX ABI's codec (runtime-kalix). */
export function kalixCodec(contract: KalixContract): Codec {
  return {
    events: (result) => eventsOf(result, ({ raw }) => kalixEvent(contract, raw)),
    reason: (data, message) => kalixRevertReason(data && data.length > 2 ? hexToBytes(data) : undefined, message),
  }
}
