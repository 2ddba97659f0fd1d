/**
 * ZelixError: every failure the bridge reports. A failure the network (or
 * the bridge on its behalf) answers with a Hedera response code carries the
 * code (`status`) and its name (`code`, e.g. `CONTRACT_REVERT_EXECUTED`),
 * the decoded revert reason when the contract gave one, and the transaction
 * id when something was sent. Misuse of the bridge itself has one of the
 * `ZelixErrorCode`s below and no status.
 */
import { responseCodeName, ResponseCode } from '@zvm/chain-hedera'
import { ZvmError } from '@zvm/primitives'
import type { Hex } from 'viem'

/** Codes of failures that are the caller's, not the network's. */
export type ZelixUsageCode =
  | 'ZELIX_NO_OPERATOR'
  | 'ZELIX_BAD_OPTIONS'
  | 'ZELIX_UNKNOWN_FUNCTION'
  | 'ZELIX_KALIX_UNSUPPORTED'
  | 'ZELIX_MIRROR_UNAVAILABLE'

export interface ZelixErrorDetails {
  /** The Hedera response code (`ResponseCodeEnum`), when the failure has one. */
  status?: number
  /** The decoded revert reason (`Error(string)`, a custom error's name and args, or the network's message). */
  reason?: string
  /** The raw revert data. */
  revertData?: Hex
  /** The transaction that failed, when one was sent (`0.0.2@1700000000.000000000`). */
  transactionId?: string
  /** Gas the failed execution used, when the network reported it. */
  gasUsed?: bigint
  cause?: unknown
}

/**
 * A bridge failure. `code` is the Hedera status name when there is a status
 * (`CONTRACT_REVERT_EXECUTED`, `INSUFFICIENT_GAS`, `INVALID_SIGNATURE`,
 * `LOCAL_CALL_MODIFICATION_EXCEPTION`, …), otherwise a `ZelixUsageCode`.
 *
 * @example
 * ```ts
 * import { ZelixError } from '@zvm/zelix-bridge'
 * const e = ZelixError.fromStatus(33, 'reward reverted', { reason: 'mint failed' })
 * console.log(e.code, e.status, e.reason) // CONTRACT_REVERT_EXECUTED 33 mint failed
 * ```
 */
export class ZelixError extends ZvmError {
  override name = 'ZelixError'
  readonly status: number | undefined
  readonly reason: string | undefined
  readonly revertData: Hex | undefined
  readonly transactionId: string | undefined
  readonly gasUsed: bigint | undefined

  constructor(code: string, message: string, details: ZelixErrorDetails = {}) {
    super(code, message, details.cause === undefined ? {} : { cause: details.cause })
    this.status = details.status
    this.reason = details.reason
    this.revertData = details.revertData
    this.transactionId = details.transactionId
    this.gasUsed = details.gasUsed
  }

  /** The Hedera name of `status` (the same as `code` for a status error). */
  get statusName(): string | undefined {
    return this.status === undefined ? undefined : responseCodeName(this.status)
  }

  /** An error for a Hedera status: `code` is the status's name, the message names it and what failed. */
  static fromStatus(status: number, what: string, details: Omit<ZelixErrorDetails, 'status'> = {}): ZelixError {
    const name = responseCodeName(status)
    const reason = details.reason ? `: ${details.reason}` : ''
    return new ZelixError(name, `${what}: ${name} (${status})${reason}`, { ...details, status })
  }
}

/** LOCAL_CALL_MODIFICATION_EXCEPTION (32): a query that would write state. */
export const LOCAL_CALL_MODIFICATION_EXCEPTION: number = ResponseCode.LOCAL_CALL_MODIFICATION_EXCEPTION
