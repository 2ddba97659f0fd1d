/**
 * A gas meter for code outside the interpreter's hot loop (hosts, syscalls,
 * tools). The interpreter itself keeps gas as a plain number on the frame.
 */
import { ZvmError } from '@zvm/primitives'
import { cappedRefund } from './storage.ts'

/**
 * Thrown when a meter is created with a limit that is not a non-negative safe integer.
 *
 * @example
 * ```ts
 * import { GasMeter, InvalidGasLimitError } from '@zvm/gas'
 * try { new GasMeter(-1) } catch (e) { console.log(e instanceof InvalidGasLimitError) } // true
 * ```
 */
export class InvalidGasLimitError extends ZvmError {
  override name = 'InvalidGasLimitError'
  constructor(limit: number) {
    super('GAS_LIMIT_INVALID', `gas limit must be a non-negative safe integer, got ${limit}`)
  }
}

/**
 * Tracks gas used and refunds against a limit.
 *
 * @example
 * ```ts
 * import { GasMeter } from '@zvm/gas'
 * const meter = new GasMeter(100)
 * meter.consume(30)   // true
 * meter.consume(80)   // false: not enough left, nothing charged
 * meter.remaining     // 70
 * ```
 */
export class GasMeter {
  readonly limit: number
  #used = 0
  #refund = 0

  constructor(limit: number) {
    if (!Number.isSafeInteger(limit) || limit < 0) throw new InvalidGasLimitError(limit)
    this.limit = limit
  }

  /** Gas consumed so far. */
  get used(): number {
    return this.#used
  }

  /** Gas still available. */
  get remaining(): number {
    return this.limit - this.#used
  }

  /** Accumulated refund (before the cap). */
  get refund(): number {
    return this.#refund
  }

  /** Charges `amount`; returns false and charges nothing when it does not fit. */
  consume(amount: number): boolean {
    if (!(amount >= 0) || amount > this.remaining) return false
    this.#used += amount
    return true
  }

  /** Consumes everything that is left (exceptional halt). */
  consumeAll(): void {
    this.#used = this.limit
  }

  /** Gives back unused gas, e.g. what a sub-call returned. */
  giveBack(amount: number): void {
    this.#used = Math.max(0, this.#used - amount)
  }

  /** Adds (or with a negative amount, removes) refund. */
  addRefund(amount: number): void {
    this.#refund += amount
  }

  /** The refund paid back at the end: capped at used / quotient (EIP-3529). */
  finalRefund(quotient = 5): number {
    return cappedRefund(this.#refund, this.#used, quotient)
  }
}
