/**
 * From JS values to calldata and back: a call's calldata (selector ‖
 * arguments), its decoded results, the events of its logs, and the reason of
 * an `Error(string)` revert. Encodings are in codec.ts.
 */
import { keccak_256 } from '@noble/hashes/sha3.js'
import { bytesToHex, hexToBytes, type Address, type Hex } from '@zvm/primitives'
import type { Log } from '@zvm/state'
import { decodeValues, decodeWord, encodeValues } from './codec.ts'
import type { KalixContract, KalixFunction } from './contract.ts'
import { KalixDecodeError } from './errors.ts'
import { isDynamic, type KalixValue } from './types.ts'

/** A decoded event: its values in field order and by field name. */
export interface KalixEvent {
  readonly name: string
  readonly signature: string
  readonly address: Address
  readonly values: readonly KalixValue[]
  /** By field name; an indexed `bytes` or `string` field is the keccak256 of its value (0x hex), as in the topic. */
  readonly args: Readonly<Record<string, KalixValue>>
}

/**
 * Calldata for `fn` with `args`: the 4-byte selector, then the arguments
 * encoded as a tuple of the input types. Throws `KalixValueError` naming the argument.
 *
 * @example
 * ```ts
 * // encodeCall(contract.fn('deposit'), [5n]) → 0x<selector> ‖ 32-byte 5
 * ```
 */
export function encodeCall(fn: KalixFunction, args: readonly unknown[]): Uint8Array {
  const body = encodeValues(fn.inputs.map((p) => p.kalixType), args, fn.inputs.map((p) => `${fn.name}.${p.name || '?'}`))
  const out = new Uint8Array(4 + body.length)
  out.set(hexToBytes(fn.selector), 0)
  out.set(body, 4)
  return out
}

/**
 * The results of `fn` decoded from its return data (a tuple of its output
 * types); throws `KalixDecodeError` for short or malformed data.
 *
 * @example
 * ```ts
 * // decodeResult(contract.fn('balanceOf'), returnData) → [1000n]
 * ```
 */
export function decodeResult(fn: KalixFunction, returnData: Uint8Array): KalixValue[] {
  return decodeValues(fn.outputs.map((p) => p.kalixType), returnData)
}

const wordToBytes = (w: bigint): Uint8Array => hexToBytes(`0x${w.toString(16).padStart(64, '0')}`)

/**
 * The events among `logs` that the contract's ABI describes (topic0 is
 * keccak256 of the event signature, indexed fields are topics 1…3 in field
 * order, the other fields are the data's tuple). Logs of other addresses
 * (when `address` is given) or of unknown topics are skipped; a log that
 * matches an event but does not decode throws `KalixDecodeError`.
 *
 * @example
 * ```ts
 * // decodeEvents(contract, result.logs, address) → [{ name: 'Transfer', args: { from, to, amount } }]
 * ```
 */
export function decodeEvents(contract: KalixContract, logs: readonly Log[], address?: Address): KalixEvent[] {
  const out: KalixEvent[] = []
  for (const log of logs) {
    if (address !== undefined && log.address !== address) continue
    if (log.topics.length === 0) continue
    const spec = contract.eventByTopic(bytesToHex(wordToBytes(log.topics[0])))
    if (spec === undefined) continue
    const indexed = spec.fields.filter((f) => f.indexed)
    if (log.topics.length !== 1 + indexed.length) throw new KalixDecodeError(0, `event ${spec.signature} has ${indexed.length} indexed fields, the log ${log.topics.length - 1} topics`)
    const data = decodeValues(spec.fields.filter((f) => !f.indexed).map((f) => f.kalixType), log.data)
    let topic = 1
    let datum = 0
    const values = spec.fields.map((f) => {
      if (!f.indexed) return data[datum++]
      const word = log.topics[topic++]
      return isDynamic(f.kalixType) ? bytesToHex(wordToBytes(word)) : decodeWord(f.kalixType, word)
    })
    out.push({ name: spec.name, signature: spec.signature, address: log.address, values, args: Object.fromEntries(spec.fields.map((f, i) => [f.name, values[i]])) })
  }
  return out
}

/**
 * topic0 of an event: keccak256 of its KALIX signature (`Transfer(address,address,u256)`),
 * all fields included, indexed or not.
 *
 * @example
 * ```ts
 * import { kalixEventTopic } from '@zvm/runtime-kalix'
 * kalixEventTopic('Stored(u64)').length // 66
 * ```
 */
export function kalixEventTopic(signature: string): Hex {
  return bytesToHex(keccak_256(new TextEncoder().encode(signature)))
}

/** Selector of `Error(string)`, the revert data KALIX (like Solidity) uses for a reason. */
export const ERROR_SELECTOR: Hex = bytesToHex(keccak_256(new TextEncoder().encode('Error(string)')).subarray(0, 4))

/**
 * The message of `Error(string)` revert data, or undefined for other data.
 *
 * @example
 * ```ts
 * import { decodeRevertReason } from '@zvm/runtime-kalix'
 * decodeRevertReason(new Uint8Array(0)) // undefined
 * ```
 */
export function decodeRevertReason(data: Uint8Array): string | undefined {
  if (data.length < 4 || bytesToHex(data.subarray(0, 4)) !== ERROR_SELECTOR) return undefined
  try {
    return decodeValues(['string'], data.subarray(4))[0] as string
  } catch {
    return undefined
  }
}
