/**
 * KALIX (ZVMC) contracts through the bridge: the container and its KALIX ABI
 * loaded by @zvm/runtime-kalix, arguments encoded and results, events and
 * revert reasons decoded by that ABI. The wire format is the one `zvm node`
 * runs: calldata is selector ‖ argument tuple (Solidity-ABI tuple encoding
 * under KALIX types); a creation's constructor parameters are the
 * constructor's argument tuple without a selector (the node prefixes it).
 */
import { decodeZvmc, encodeZvmc, isZvmc, type ZvmcAbi } from '@zvm/bytecode'
import { ZvmError, type Address } from '@zvm/primitives'
import {
  CONSTRUCTOR_NAME, decodeEvents, decodeResult, decodeRevertReason, encodeCall, encodeValues, kalixInterface, loadKalixContract,
  type KalixContract, type KalixFunction, type KalixValue,
} from '@zvm/runtime-kalix'
import type { Log } from '@zvm/state'
import { bytesToHex, type Hex } from 'viem'
import { ZelixError } from './errors.ts'

/** A KALIX contract on a ZVM-powered network. */
export interface KalixDeployedContract {
  readonly kind: 'kalix'
  /** `0.0.1234`. */
  readonly contractId: string
  readonly address: Hex
  readonly abi: ZvmcAbi
  /** Its interface: functions, events, state variables (runtime-kalix's `KalixContract`). */
  readonly kalix: KalixContract
}

/** A KALIX deployment: a ZVMC container, its ABI when the container carries none, and the constructor's arguments. */
export interface KalixDeployRequest {
  /** The ZVMC container (hex with or without 0x, or bytes). */
  bytecode: Hex | string | Uint8Array
  /** The KALIX ABI; embedded in the container when it has none, and must agree with its code. Default: the container's. */
  abi?: ZvmcAbi
  /** The constructor's arguments as runtime-kalix takes them (bigint for integers, 0x hex for addresses and bytes, …). */
  args?: readonly unknown[]
  /** Gas limit (default 2,000,000). */
  gas?: number
  /** Tinybar given to the contract (its constructor receives it). */
  initialBalance?: bigint
  memo?: string
}

/** The decoded result of a KALIX function: one value, an array for several, undefined for none. */
export type KalixResult = KalixValue | readonly KalixValue[] | undefined

/** True for a contract handle `at` or `deploy` made for a KALIX contract. */
export function isKalixContract(contract: { readonly contractId: string }): contract is KalixDeployedContract {
  return (contract as Partial<KalixDeployedContract>).kind === 'kalix'
}

/** A runtime-kalix error as the bridge's (the loader's and codec's errors keep their own codes, as `cause`). */
function rethrow(e: unknown, what: string): never {
  if (e instanceof ZvmError && e.code.startsWith('KALIX_')) throw new ZelixError(e.code === 'KALIX_UNKNOWN' ? 'ZELIX_UNKNOWN_FUNCTION' : 'ZELIX_BAD_OPTIONS', `${what}: ${e.message}`, { cause: e })
  throw e
}

/**
 * The container to deploy and its interface: the container's own ABI, or
 * `abi` embedded into a container that has none. A bad container or ABI is a
 * ZelixError (ZELIX_BAD_OPTIONS) whose cause is runtime-kalix's or bytecode's error.
 */
export function loadContainer(bytes: Uint8Array, abi: ZvmcAbi | undefined, what: string): KalixContract {
  if (!isZvmc(bytes)) throw new ZelixError('ZELIX_BAD_OPTIONS', `${what}: the bytecode is not a ZVMC container (it does not start with "ZVMC")`)
  try {
    if (abi === undefined) return loadKalixContract(bytes)
    const container = decodeZvmc(bytes)
    if (container.abi !== undefined) {
      if (JSON.stringify(container.abi) !== JSON.stringify(kalixInterface(abi).abi)) throw new ZelixError('ZELIX_BAD_OPTIONS', `${what}: the abi given differs from the one the container carries`)
      return loadKalixContract(bytes)
    }
    return loadKalixContract(encodeZvmc({ target: container.target, code: container.code, abi }))
  } catch (e) {
    if (e instanceof ZelixError) throw e
    const message = e instanceof Error ? e.message : String(e)
    throw new ZelixError('ZELIX_BAD_OPTIONS', `${what}: ${message}`, { cause: e })
  }
}

/** The constructor's argument tuple (no selector). */
export function constructorParameters(contract: KalixContract, args: readonly unknown[], what: string): Uint8Array {
  const ctor = contract.constructorFunction
  if (ctor === undefined) {
    if (args.length > 0) throw new ZelixError('ZELIX_BAD_OPTIONS', `${what}: ${contract.abi.contract} has no constructor, got ${args.length} argument(s)`)
    return new Uint8Array(0)
  }
  try { return encodeValues(ctor.inputs.map((p) => p.kalixType), args, ctor.inputs.map((p) => `constructor.${p.name || '?'}`)) } catch (e) { return rethrow(e, what) }
}

/** The function `name` (or signature); the constructor is not callable. */
export function kalixFunction(contract: KalixContract, name: string, what: string): KalixFunction {
  let fn: KalixFunction
  try { fn = contract.fn(name) } catch (e) { return rethrow(e, what) }
  if (fn.name === CONSTRUCTOR_NAME) throw new ZelixError('ZELIX_UNKNOWN_FUNCTION', `${what}: the constructor runs only when the contract is deployed`)
  return fn
}

/** Selector ‖ argument tuple. */
export function kalixCalldata(fn: KalixFunction, args: readonly unknown[], what: string): Uint8Array {
  try { return encodeCall(fn, args) } catch (e) { return rethrow(e, what) }
}

/** The function's outputs: one value, an array for several, undefined for none. */
export function kalixResult(fn: KalixFunction, data: Uint8Array, what: string): KalixResult {
  let outputs: KalixValue[]
  try { outputs = decodeResult(fn, data) } catch (e) { return rethrow(e, what) }
  return outputs.length === 0 ? undefined : outputs.length === 1 ? outputs[0] : outputs
}

const ZERO_ADDRESS: Address = '0x0000000000000000000000000000000000000000'

/** A log as the SDK gives it. */
export interface RawLog { readonly contractId: string; readonly topics: readonly Uint8Array[]; readonly data: Uint8Array }

/** One log decoded by the KALIX ABI; eventName undefined for a log the ABI does not describe (or that does not decode). */
export function kalixEvent(contract: KalixContract, log: RawLog): { eventName: string | undefined; args: Readonly<Record<string, unknown>> } {
  // The emitter does not change the decoding; the Log shape wants an address.
  const state: Log = { address: ZERO_ADDRESS, topics: log.topics.map((t) => BigInt(bytesToHex(t))), data: log.data }
  try {
    const [e] = decodeEvents(contract, [state])
    return e === undefined ? { eventName: undefined, args: {} } : { eventName: e.name, args: e.args }
  } catch {
    return { eventName: undefined, args: {} }
  }
}

/** Error(string)'s reason, else the network's message. */
export function kalixRevertReason(data: Uint8Array | undefined, message: string | null | undefined): string | undefined {
  return (data && decodeRevertReason(data)) || message || undefined
}
