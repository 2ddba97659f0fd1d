/**
 * Errors of the KALIX runtime. Each is a `ZvmError` with a stable `code`;
 * the message names the function, argument or field at fault. What the
 * contract itself does (revert, out of gas) is thrown only by the call
 * helpers that promise a decoded result (`KalixRevertError`), and always
 * carries the raw execution result.
 */
import { ZvmError } from '@zvm/primitives'
import type { Hex } from '@zvm/primitives'

/**
 * A type string the runtime does not know (`u7`, `map`, …).
 *
 * @example
 * ```ts
 * import { parseKalixType, KalixTypeError } from '@zvm/runtime-kalix'
 * try { parseKalixType('u7') } catch (e) { console.log(e instanceof KalixTypeError) } // true
 * ```
 */
export class KalixTypeError extends ZvmError {
  override name = 'KalixTypeError'
  readonly type: string
  constructor(type: string, message: string) {
    super('KALIX_TYPE_UNKNOWN', `type ${JSON.stringify(type)}: ${message}`)
    this.type = type
  }
}

/**
 * A JS value that does not fit its ABI type (wrong kind, out of range, bad hex),
 * or a wrong number of arguments; `path` names the argument (`transfer.amount`).
 *
 * @example
 * ```ts
 * import { encodeValues, KalixValueError } from '@zvm/runtime-kalix'
 * try { encodeValues(['u8'], [256n]) } catch (e) { console.log((e as KalixValueError).path) } // '[0]'
 * ```
 */
export class KalixValueError extends ZvmError {
  override name = 'KalixValueError'
  readonly path: string
  constructor(path: string, message: string) {
    super('KALIX_VALUE_INVALID', `${path}: ${message}`)
    this.path = path
  }
}

/**
 * Bytes that are not a valid encoding of the expected types (return data,
 * log data or a stored word); `offset` is where decoding failed.
 *
 * @example
 * ```ts
 * import { decodeValues, KalixDecodeError } from '@zvm/runtime-kalix'
 * try { decodeValues(['u256'], new Uint8Array(3)) } catch (e) { console.log(e instanceof KalixDecodeError) } // true
 * ```
 */
export class KalixDecodeError extends ZvmError {
  override name = 'KalixDecodeError'
  readonly offset: number
  constructor(offset: number, message: string) {
    super('KALIX_DECODE_INVALID', `at byte ${offset}: ${message}`)
    this.offset = offset
  }
}

/**
 * A function, event, state variable or table the ABI does not have, or an
 * ambiguous name (overloads: give the signature).
 *
 * @example
 * ```ts
 * // contract.fn('nope') throws KalixUnknownError with kind 'function'
 * ```
 */
export class KalixUnknownError extends ZvmError {
  override name = 'KalixUnknownError'
  readonly kind: 'function' | 'selector' | 'event' | 'state variable' | 'table'
  readonly key: string
  constructor(kind: KalixUnknownError['kind'], key: string, message: string) {
    super('KALIX_UNKNOWN', `unknown ${kind} ${JSON.stringify(key)}: ${message}`)
    this.kind = kind
    this.key = key
  }
}

/**
 * The container's ABI does not describe its code: a selector that is not
 * keccak256 of its signature, a function the dispatcher never jumps to, or a
 * dispatched selector the ABI lacks.
 *
 * @example
 * ```ts
 * // loadKalixContract(bytes) throws KalixAbiMismatchError with the selector at fault
 * ```
 */
export class KalixAbiMismatchError extends ZvmError {
  override name = 'KalixAbiMismatchError'
  readonly selector: Hex | undefined
  constructor(message: string, selector?: Hex) {
    super('KALIX_ABI_MISMATCH', message)
    this.selector = selector
  }
}

/**
 * A container the runtime cannot run (not native, no ABI), or an account
 * that holds no KALIX contract.
 *
 * @example
 * ```ts
 * // loadKalixContract(evmContainer) throws KalixContainerError
 * ```
 */
export class KalixContainerError extends ZvmError {
  override name = 'KalixContainerError'
  constructor(message: string, options?: ErrorOptions) {
    super('KALIX_CONTAINER_INVALID', message, options)
  }
}

/** What a failed call left: its status, error kind, gas and raw return data. */
export interface KalixFailure {
  status: 'revert' | 'error'
  error: string | null
  gasUsed: number
  returnData: Uint8Array
}

/**
 * A call or deployment that reverted or failed. `reason` is the decoded
 * `Error(string)` message when the revert data is one; `data` is the raw revert data.
 *
 * @example
 * ```ts
 * // try { runtime.call(addr, 'transfer', [to, 10n ** 30n]) }
 * // catch (e) { if (e instanceof KalixRevertError) console.log(e.reason) }
 * ```
 */
export class KalixRevertError extends ZvmError {
  override name = 'KalixRevertError'
  readonly function: string
  readonly status: 'revert' | 'error'
  readonly reason: string | undefined
  readonly data: Uint8Array
  readonly gasUsed: number
  constructor(fn: string, failure: KalixFailure, reason: string | undefined) {
    const what = failure.status === 'revert'
      ? `reverted${reason !== undefined ? `: ${reason}` : failure.returnData.length > 0 ? ` with ${failure.returnData.length} bytes of data` : ''}`
      : `failed with ${failure.error}`
    super(failure.status === 'revert' ? 'KALIX_REVERT' : 'KALIX_EXECUTION_FAILED', `${fn} ${what} (gas used ${failure.gasUsed})`)
    this.function = fn
    this.status = failure.status
    this.reason = reason
    this.data = failure.returnData
    this.gasUsed = failure.gasUsed
  }
}
