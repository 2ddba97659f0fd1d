/**
 * SDK failures as ZelixErrors: a status error from the SDK (precheck,
 * receipt, record) or a failed record becomes the Hedera status with the
 * revert reason and data decoded by the contract's codec.
 */
import { PrecheckStatusError, ReceiptStatusError, StatusError, type ContractFunctionResult } from '@hashgraph/sdk'
import { bytesToHex } from 'viem'
import type { Codec } from './codec.ts'
import { ZelixError } from './errors.ts'

const hexOf = bytesToHex

/** An SDK status error (PrecheckStatusError, ReceiptStatusError, MaxAttemptsOrTimeoutError carries none): checked by shape, so a second copy of the SDK is recognised too. */
interface SdkStatusError { status: { _code: number }; transactionId?: { toString(): string }; contractFunctionResult?: ContractFunctionResult | null }

function isSdkStatusError(error: unknown): error is SdkStatusError {
  if (error instanceof PrecheckStatusError || error instanceof ReceiptStatusError || error instanceof StatusError) return true
  const status = (error as { status?: { _code?: unknown } } | null)?.status
  return typeof status === 'object' && status !== null && typeof status._code === 'number'
}

/** The ZelixError for a failed contract result with `status`. */
export function resultError(status: number, what: string, codec: Codec, result: ContractFunctionResult | null | undefined, extra: { cause?: unknown; transactionId?: string }): ZelixError {
  const data = result && result.bytes.length > 0 ? hexOf(result.bytes) : undefined
  const reason = codec.reason(data, result?.errorMessage)
  return ZelixError.fromStatus(status, what, {
    ...extra, ...(reason ? { reason } : {}), ...(data ? { revertData: data } : {}), ...(result ? { gasUsed: BigInt(result.gasUsed.toString()) } : {}),
  })
}

/** The Hedera status of an SDK error, mapped to a ZelixError (anything else is rethrown as is). */
export function fromSdkError(error: unknown, codec: Codec, what: string): never {
  if (error instanceof ZelixError) throw error
  if (isSdkStatusError(error)) {
    throw resultError(error.status._code, what, codec, error.contractFunctionResult, { cause: error, ...(error.transactionId ? { transactionId: error.transactionId.toString() } : {}) })
  }
  throw error
}

