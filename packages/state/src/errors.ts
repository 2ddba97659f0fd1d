/** Errors for misuse of the state API (never for execution outcomes). */
import { ZvmError } from '@zvm/primitives'

/**
 * A checkpoint was committed or reverted out of order, or twice.
 *
 * @example
 * ```ts
 * import { JournaledState, CheckpointError } from '@zvm/state'
 * const s = new JournaledState()
 * const cp = s.checkpoint()
 * s.commit(cp)
 * try { s.revert(cp) } catch (e) { console.log(e instanceof CheckpointError) } // true
 * ```
 */
export class CheckpointError extends ZvmError {
  override name = 'CheckpointError'
  constructor(message: string) {
    super('STATE_CHECKPOINT', message)
  }
}

/**
 * A balance would go below zero.
 *
 * @example
 * ```ts
 * import { JournaledState, InsufficientBalanceError } from '@zvm/state'
 * const s = new JournaledState()
 * try { s.subBalance('0x00000000000000000000000000000000000000aa', 1n) } catch (e) { console.log(e instanceof InsufficientBalanceError) } // true
 * ```
 */
export class InsufficientBalanceError extends ZvmError {
  override name = 'InsufficientBalanceError'
  constructor(address: string, balance: bigint, amount: bigint) {
    super('STATE_INSUFFICIENT_BALANCE', `${address} has ${balance}, cannot subtract ${amount}`)
  }
}
