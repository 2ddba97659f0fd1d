/**
 * SLOAD / SSTORE metering: EIP-2929 warm/cold access and EIP-2200 net gas
 * metering with EIP-3529 refunds, parameterised so the native ISA (static 100,
 * no cold surcharge on SSTORE) and the EVM (static 0, 2100 cold surcharge)
 * share one rule.
 */
import { NATIVE_OPCODES_BY_NAME } from '@zvm/bytecode'

/** Parameters of the storage rules. All values are gas. */
export interface StorageGasSchedule {
  /** Static gas the instruction table already charged for SSTORE. */
  readonly sstoreStatic: number
  /** SLOAD's dynamic gas for a warm slot; also SSTORE's total for a no-op or dirty write. */
  readonly warmRead: number
  /** SLOAD's dynamic gas for a cold slot. */
  readonly coldRead: number
  /** Surcharge on SSTORE to a cold slot (0 on the native ISA). */
  readonly sstoreColdSurcharge: number
  /** Total cost of a clean zero → non-zero write. */
  readonly set: number
  /** Total cost of a clean non-zero → other write. */
  readonly reset: number
  /** Refund for clearing a slot (EIP-3529: 4800). */
  readonly clearRefund: number
  /** SSTORE fails when gas left is at or below this (EIP-2200 sentry: the call stipend, 2300). */
  readonly sentry: number
}

/**
 * The native ISA's storage schedule (spec/native-isa.md): SLOAD 100 + 2100
 * cold / +100 warm; SSTORE 100 + 20000 clean set / +2900 clean reset / +0
 * otherwise, no cold surcharge.
 */
export const NATIVE_STORAGE_GAS: StorageGasSchedule = Object.freeze({
  sstoreStatic: NATIVE_OPCODES_BY_NAME.get('SSTORE')!.staticGas,
  warmRead: 100,
  coldRead: 2100,
  sstoreColdSurcharge: 0,
  set: 20100,
  reset: 3000,
  clearRefund: 4800,
  sentry: 2300,
})

/**
 * Dynamic gas of SLOAD (on top of the static part).
 *
 * @example
 * ```ts
 * import { sloadCost, NATIVE_STORAGE_GAS } from '@zvm/gas'
 * sloadCost(true, NATIVE_STORAGE_GAS)  // 2100: 100 static + 2100 = 2200 for a cold slot
 * sloadCost(false, NATIVE_STORAGE_GAS) // 100
 * ```
 */
export function sloadCost(isCold: boolean, schedule: StorageGasSchedule): number {
  return isCold ? schedule.coldRead : schedule.warmRead
}

/**
 * Dynamic gas of SSTORE (on top of the static part), EIP-2200 net metering.
 * `original` is the value at the start of the transaction, `current` the value
 * now, `next` the value being written.
 *
 * @example
 * ```ts
 * import { sstoreCost, NATIVE_STORAGE_GAS } from '@zvm/gas'
 * sstoreCost(0n, 0n, 42n, false, NATIVE_STORAGE_GAS) // 20000
 * ```
 */
export function sstoreCost(original: bigint, current: bigint, next: bigint, isCold: boolean, schedule: StorageGasSchedule): number {
  let total: number
  if (current === next) total = schedule.warmRead
  else if (original === current) total = original === 0n ? schedule.set : schedule.reset
  else total = schedule.warmRead
  if (isCold) total += schedule.sstoreColdSurcharge
  return total - schedule.sstoreStatic
}

/**
 * Refund change (may be negative) of an SSTORE under EIP-2200 as amended by
 * EIP-3529. Refunds are summed over the transaction and capped (cappedRefund).
 *
 * @example
 * ```ts
 * import { sstoreRefund, NATIVE_STORAGE_GAS } from '@zvm/gas'
 * sstoreRefund(5n, 5n, 0n, NATIVE_STORAGE_GAS) // 4800
 * ```
 */
export function sstoreRefund(original: bigint, current: bigint, next: bigint, schedule: StorageGasSchedule): number {
  if (current === next) return 0
  if (original === current) return original !== 0n && next === 0n ? schedule.clearRefund : 0
  let refund = 0
  if (original !== 0n) {
    if (current === 0n) refund -= schedule.clearRefund
    else if (next === 0n) refund += schedule.clearRefund
  }
  if (original === next) {
    refund += (original === 0n ? schedule.set : schedule.reset) - schedule.warmRead
  }
  return refund
}

/**
 * The refund actually paid back: at most gasUsed / `quotient` (the schedule's
 * refundQuotient; EIP-3529: 5), never negative.
 *
 * @example
 * ```ts
 * import { cappedRefund, NATIVE_GAS_SCHEDULE } from '@zvm/gas'
 * cappedRefund(10_000, 20_000, NATIVE_GAS_SCHEDULE.refundQuotient) // 4000
 * ```
 */
export function cappedRefund(refund: number, gasUsed: number, quotient: number): number {
  return Math.max(0, Math.min(refund, Math.floor(gasUsed / quotient)))
}
