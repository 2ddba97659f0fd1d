/**
 * Pre-execution (revm's `pre_execution`): buys the gas, bumps the nonce,
 * warms the EIP-2929 access set (sender, target, coinbase, precompiles,
 * access list), applies EIP-7702 authorizations and resolves a delegated
 * target into the message the frame loop runs.
 */
import { CallScheme, delegationTarget, type FrameAction } from '@zvm/core'
import { createAddress, type JournaledState } from '@zvm/state'
import { applyAuthorizations } from '../authorization.ts'
import { Fork } from '../forks.ts'
import type { EvmTransaction } from '../transaction.ts'
import type { EvmBlock } from './types.ts'
import type { ValidTransaction } from './validate.ts'

/** The message to run and what pre-execution owes post-execution. */
export interface PreparedMessage {
  readonly action: FrameAction
  /** EIP-7702 refund for authorizations of existing accounts. */
  readonly authorizationRefund: number
  /**
   * Gas above 2^53 - 1 (only absurd test limits get there) is set aside and
   * counted as unused: exact unless the code observes its absolute gas.
   */
  readonly gasSetAside: bigint
}

/**
 * Applies the transaction's up-front effects to `state` and builds its message.
 * The precompiles are warm through the transaction itself: begin it with
 * `state.beginTransaction(precompiles)`.
 *
 * @example
 * ```ts
 * // executeTransaction = validateTransaction → preExecution → executeMessage → postExecution
 * import { preExecution } from '@zvm/chain-evm'
 * ```
 */
export function preExecution(state: JournaledState, tx: EvmTransaction, block: EvmBlock, checked: ValidTransaction): PreparedMessage {
  state.setBalance(tx.from, checked.senderBalance - tx.gasLimit * checked.effectiveGasPrice - checked.blobFee)
  state.setNonce(tx.from, checked.senderNonce + 1n)
  state.warmAddress(tx.from)
  if (tx.to !== null) state.warmAddress(tx.to)
  if (checked.fork >= Fork.Shanghai) state.warmAddress(block.coinbase) // EIP-3651
  for (const entry of tx.accessList ?? []) {
    state.warmAddress(entry.address)
    for (const key of entry.storageKeys) state.warmSlot(entry.address, key)
  }
  // EIP-7702: authorizations apply before execution and stay even if it fails.
  const authorizationRefund = tx.type === 4 ? applyAuthorizations(state, tx.authorizationList!, block.chainId) : 0

  const available = tx.gasLimit - checked.intrinsicGas
  const gasLimit = available > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(available)
  const gasSetAside = available - BigInt(gasLimit)
  if (tx.to === null) {
    const address = createAddress(tx.from, checked.senderNonce)
    return { action: { kind: 'create', caller: tx.from, value: tx.value, initCode: tx.data, gasLimit, salt: undefined, address }, authorizationRefund, gasSetAside }
  }
  // A delegated destination runs its delegate's code; the delegate starts warm.
  let codeAddress = tx.to
  let delegated = false
  if (checked.fork >= Fork.Prague) {
    const delegate = delegationTarget(state.getCode(tx.to))
    if (delegate !== undefined) {
      state.warmAddress(delegate)
      codeAddress = delegate
      delegated = true
    }
  }
  return {
    action: {
      kind: 'call', scheme: CallScheme.Call, address: tx.to, codeAddress, delegated, caller: tx.from, value: tx.value,
      transfersValue: true, input: tx.data, gasLimit, isStatic: false, returnOffset: 0, returnSize: 0,
    },
    authorizationRefund,
    gasSetAside,
  }
}
