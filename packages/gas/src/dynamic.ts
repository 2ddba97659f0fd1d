/**
 * Size-dependent parts of opcode costs that are more than one multiplication.
 * Copies, hashes, LOG data and EXP are `schedule field × words or bytes`,
 * charged inline by the ops; memory expansion is memoryExpansionCost.
 */
import { MAX_MEMORY_BYTES, toWordSize, UNPAYABLE } from './memory.ts'
import type { GasSchedule } from './schedule.ts'

/**
 * Init code cost of CREATE/CREATE2: `initCodePerWord` per word (EIP-3860)
 * plus, for CREATE2, `keccakPerWord` per word for hashing the init code
 * (EIP-1014). Static gas and memory expansion are extra.
 *
 * @example
 * ```ts
 * import { createCost, NATIVE_GAS_SCHEDULE } from '@zvm/gas'
 * createCost(64, false, NATIVE_GAS_SCHEDULE) // 4
 * createCost(64, true, NATIVE_GAS_SCHEDULE)  // 16
 * ```
 */
export function createCost(initCodeBytes: number, isCreate2: boolean, schedule: Pick<GasSchedule, 'initCodePerWord' | 'keccakPerWord'>): number {
  if (initCodeBytes > MAX_MEMORY_BYTES) return UNPAYABLE
  const perWord = isCreate2 ? schedule.initCodePerWord + schedule.keccakPerWord : schedule.initCodePerWord
  return perWord * toWordSize(initCodeBytes)
}
