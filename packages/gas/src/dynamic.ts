/**
 * Dynamic (size-dependent) parts of opcode costs. Each returns only the part
 * charged on top of the static cost in OPCODE_COSTS; memory expansion is
 * separate (memoryExpansionCost).
 */
import { toWordSize, UNPAYABLE } from './memory.ts'
import { NATIVE_OP_GAS } from './native-costs.ts'

function perWord(bytes: number, gasPerWord: number): number {
  if (bytes > 2 ** 32) return UNPAYABLE
  return gasPerWord * toWordSize(bytes)
}

/**
 * CALLDATACOPY / CODECOPY / RETURNDATACOPY / EXTCODECOPY / MCOPY: 3 per word copied.
 *
 * @example
 * ```ts
 * import { copyCost } from '@zvm/gas'
 * copyCost(64) // 6
 * ```
 */
export function copyCost(bytes: number, gasPerWord = 3): number {
  return perWord(bytes, gasPerWord)
}

/**
 * Hashing opcodes: per-word cost of the input (KECCAK256 100, SHA256 12,
 * RIPEMD160 120, BLAKE2B 50 on the native ISA; the base is NATIVE_OP_GAS).
 *
 * @example
 * ```ts
 * import { hashCost, HASH_WORD_GAS } from '@zvm/gas'
 * hashCost(32, HASH_WORD_GAS.KECCAK256) // 100
 * ```
 */
export function hashCost(bytes: number, gasPerWord: number): number {
  return perWord(bytes, gasPerWord)
}

/** Per-word input cost of each native hashing opcode (from NATIVE_OP_GAS). */
export const HASH_WORD_GAS = Object.freeze({
  KECCAK256: NATIVE_OP_GAS.KECCAK256.perWord,
  SHA256: NATIVE_OP_GAS.SHA256.perWord,
  RIPEMD160: NATIVE_OP_GAS.RIPEMD160.perWord,
  BLAKE2B: NATIVE_OP_GAS.BLAKE2B.perWord,
})

/**
 * LOGn data cost: 8 per byte (topics are in the static cost).
 *
 * @example
 * ```ts
 * import { logDataCost } from '@zvm/gas'
 * logDataCost(10) // 80
 * ```
 */
export function logDataCost(bytes: number, gasPerByte = 8): number {
  if (bytes > 2 ** 32) return UNPAYABLE
  return gasPerByte * bytes
}

/**
 * EXP: 50 per significant byte of the exponent.
 *
 * @example
 * ```ts
 * import { expCost } from '@zvm/gas'
 * expCost(2) // 100
 * ```
 */
export function expCost(exponentBytes: number, gasPerByte = 50): number {
  return gasPerByte * exponentBytes
}

/**
 * Init code cost of CREATE/CREATE2 (EIP-3860: 2 per word) plus, for CREATE2,
 * hashing the init code (6 per word).
 *
 * @example
 * ```ts
 * import { createCost } from '@zvm/gas'
 * createCost(64, false) // 4
 * createCost(64, true)  // 16
 * ```
 */
export function createCost(initCodeBytes: number, isCreate2: boolean): number {
  return perWord(initCodeBytes, isCreate2 ? 2 + 6 : 2)
}
