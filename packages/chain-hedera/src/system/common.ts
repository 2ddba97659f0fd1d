/** Helpers shared by the system contracts: results, addresses, the caller's account. */
import type { PrecompileContext, PrecompileResult } from '@zvm/core'
import type { Address } from '@zvm/primitives'
import { encodeErrorResult, encodeFunctionData, toFunctionSelector, toHex, type Abi, type AbiParameter } from 'viem'
import type { HederaLedger } from '../ledger/hedera-ledger.ts'
import { ResponseCode, responseCodeName } from '../response-codes.ts'

const RC_ERROR_DECODING_BYTESTRING = ResponseCode.ERROR_DECODING_BYTESTRING
const RC_NOT_SUPPORTED = ResponseCode.NOT_SUPPORTED

export const ZERO_ADDRESS: Address = '0x0000000000000000000000000000000000000000'
export const MAX_INT64 = (1n << 63n) - 1n

/** A successful call's result. */
export function returned(gasUsed: number, output: Uint8Array): PrecompileResult {
  return { ok: true, gasUsed, output }
}

const ERROR_STRING_ABI = [{ type: 'error', name: 'Error', inputs: [{ name: 'message', type: 'string' }] }] as const

/**
 * The revert data of a failed system-contract call: Solidity's
 * `Error(string)` (08c379a0) with the response code's name, e.g.
 * `Error("INVALID_TOKEN_ID")`, so `try/catch Error(string reason)` and
 * every tool that decodes revert reasons read it.
 */
export function revertData(code: number): Uint8Array {
  const hex = encodeErrorResult({ abi: ERROR_STRING_ABI, errorName: 'Error', args: [responseCodeName(code)] })
  return Uint8Array.from(Buffer.from(hex.slice(2), 'hex'))
}

/**
 * A call that REVERTs like a contract: the caller gets {@link revertData}
 * and the gas above `gasUsed` back; the core undoes the call's writes.
 */
export function reverted(gasUsed: number, code: number): PrecompileResult {
  return { ok: false, gasUsed, reason: responseCodeName(code), revert: revertData(code) }
}

/**
 * A call that fails and consumes all its gas, with no data (too little gas
 * for the price, as an out-of-gas; an unexpected internal error).
 */
export function failed(gasLimit: number, code: number): PrecompileResult {
  return { ok: false, gasUsed: gasLimit, reason: responseCodeName(code) }
}

/** An address from viem (checksummed) as the lowercase form the ledger and state use. */
export function lower(address: string): Address {
  return address.toLowerCase() as Address
}

/**
 * Every contract is a Hedera account: a contract that reaches a system
 * contract without one gets one, with its address as alias and no key (it
 * signs as itself). Journaled like every ledger change, so a reverted frame
 * undoes it too.
 */
export function ensureContractAccount(ledger: HederaLedger, context: PrecompileContext, address: Address): void {
  if (ledger.getAccount(address) !== undefined) return
  if (context.state.getCode(address).length === 0) return
  ledger.createAccount({ alias: address })
}

/** Zero values of ABI parameters (the results of a call that failed with a response code). */
export function zeroValues(params: readonly AbiParameter[]): unknown[] {
  return params.map(zeroValue)
}

function zeroValue(p: AbiParameter): unknown {
  const type = p.type
  if (type.endsWith(']')) return []
  if (type === 'tuple') {
    const components = (p as { components: readonly AbiParameter[] }).components
    return Object.fromEntries(components.map((c, i) => [c.name ?? String(i), zeroValue(c)]))
  }
  if (type === 'address') return ZERO_ADDRESS
  if (type === 'bool') return false
  if (type === 'string') return ''
  if (type === 'bytes') return '0x'
  if (type.startsWith('bytes')) return `0x${'00'.repeat(Number(type.slice(5)))}`
  if (type.startsWith('int') || type.startsWith('uint')) {
    const bits = Number(type.replace(/^u?int/, '') || '256')
    return bits > 48 ? 0n : 0
  }
  return undefined
}

/**
 * Whether `input` is the canonical ABI encoding of the decoded call (trailing
 * bytes aside). viem's decoder accepts words Solidity's decoder rejects —
 * an int64 slot holding 2^64, an address with high bits set, a bool of 2 —
 * and reads through unusual offsets; the system contracts answer those as
 * malformed (82 ERROR_DECODING_BYTESTRING), so a decoded call is re-encoded
 * and compared.
 */
export function isCanonicalCall(abi: Abi, functionName: string, args: readonly unknown[] | undefined, input: Uint8Array): boolean {
  let hex: string
  try {
    hex = encodeFunctionData({ abi, functionName, args } as Parameters<typeof encodeFunctionData>[0])
  } catch {
    return false
  }
  const length = (hex.length - 2) / 2
  return input.length >= length && toHex(input.subarray(0, length)) === hex
}

/** A facade or system-contract call that did not decode: too short or malformed (82), or an unknown selector. */
export function undecodedCode(abi: Abi, input: Uint8Array): number {
  if (input.length < 4) return RC_ERROR_DECODING_BYTESTRING
  const selector = toHex(input.subarray(0, 4))
  return abi.some((item) => item.type === 'function' && toFunctionSelector(item) === selector) ? RC_ERROR_DECODING_BYTESTRING : RC_NOT_SUPPORTED
}
