/**
 * Post-execution (revm's `post_execution`): the EIP-3529 refund cap, the
 * EIP-7623 calldata floor, the sender's unused gas back, the coinbase's tip,
 * and the transaction's finalisation with EIP-161 clean-up (which also
 * removes self-destructed accounts).
 */
import { haltName, isRevert, isSuccess, type FrameResult } from '@zvm/core'
import type { Address } from '@zvm/primitives'
import type { JournaledState, Log } from '@zvm/state'
import type { EvmTransaction } from '../transaction.ts'
import type { PreparedMessage } from './pre-execution.ts'
import type { EvmBlock } from './types.ts'
import type { ValidTransaction } from './validate.ts'

/** Outcome of a transaction that was included. */
export interface IncludedTransaction {
  valid: true
  status: 'success' | 'revert' | 'error'
  /** The halt kind for errors (`OutOfGas` …), else null. */
  error: string | null
  halt: number
  /** Gas charged to the sender (after refund and floor). */
  gasUsed: bigint
  gasRefunded: bigint
  output: Uint8Array
  logs: Log[]
  createdAddress: Address | undefined
}

/**
 * Settles gas and fees for the message's `result` and finalises the transaction in `state`.
 *
 * @example
 * ```ts
 * // executeTransaction = validateTransaction → preExecution → executeMessage → postExecution
 * import { postExecution } from '@zvm/chain-evm'
 * ```
 */
export function postExecution(
  state: JournaledState, tx: EvmTransaction, block: EvmBlock, checked: ValidTransaction, prepared: PreparedMessage, result: FrameResult,
): IncludedTransaction {
  const ok = isSuccess(result.halt)
  let gasUsed = tx.gasLimit - BigInt(result.gasLeft) - prepared.gasSetAside
  let refund = BigInt(prepared.authorizationRefund) + (ok ? BigInt(result.refund) : 0n)
  if (refund > gasUsed / 5n) refund = gasUsed / 5n // EIP-3529
  if (refund < 0n) refund = 0n
  gasUsed -= refund
  if (gasUsed < checked.floorGas) gasUsed = checked.floorGas // EIP-7623
  const price = checked.effectiveGasPrice
  state.addBalance(tx.from, (tx.gasLimit - gasUsed) * price)
  state.addBalance(block.coinbase, gasUsed * (price - block.baseFee))
  const logs = [...state.logs]
  state.finalizeTransaction({ deleteEmptyTouched: true })
  return {
    valid: true,
    status: ok ? 'success' : isRevert(result.halt) ? 'revert' : 'error',
    error: ok || isRevert(result.halt) ? null : haltName(result.halt),
    halt: result.halt,
    gasUsed,
    gasRefunded: refund,
    output: result.output,
    logs,
    createdAddress: ok ? result.createdAddress : undefined,
  }
}
