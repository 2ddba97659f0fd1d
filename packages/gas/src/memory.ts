/**
 * Memory expansion cost: 3·words + words²/512 (Yellow Paper C_mem), charged
 * for the difference between the new and the current size. Sizes that could
 * never be paid for (above 2^32 bytes) saturate to MAX_SAFE_INTEGER so callers
 * run out of gas instead of allocating.
 */

/** Largest memory size (bytes) the cost functions price exactly; larger saturates. */
export const MAX_MEMORY_BYTES = 2 ** 32

/** Gas per word of memory (Yellow Paper G_memory), the linear term of C_mem. */
const MEMORY_WORD_GAS = 3

/** Divisor of the quadratic term of C_mem: words² / 512. */
const MEMORY_QUADRATIC_DIVISOR = 512

/** Sentinel cost that no gas limit can pay. */
export const UNPAYABLE = Number.MAX_SAFE_INTEGER

/**
 * Number of 32-byte words needed to hold `bytes`.
 *
 * @example
 * ```ts
 * import { toWordSize } from '@zvm/gas'
 * toWordSize(33) // 2
 * ```
 */
export function toWordSize(bytes: number): number {
  return Math.ceil(bytes / 32)
}

/**
 * Total cost of a memory of `words` words: 3w + ⌊w²/512⌋.
 *
 * @example
 * ```ts
 * import { memoryCost } from '@zvm/gas'
 * memoryCost(1)    // 3
 * memoryCost(1024) // 5120
 * ```
 */
export function memoryCost(words: number): number {
  if (words * 32 > MAX_MEMORY_BYTES) return UNPAYABLE
  return MEMORY_WORD_GAS * words + Math.floor((words * words) / MEMORY_QUADRATIC_DIVISOR)
}

/**
 * Gas to grow memory from `currentWords` to cover `[offset, offset + size)`;
 * 0 when size is 0 or the range is already covered.
 *
 * @example
 * ```ts
 * import { memoryExpansionCost } from '@zvm/gas'
 * memoryExpansionCost(0, 0, 32) // 3
 * memoryExpansionCost(1, 0, 32) // 0
 * ```
 */
export function memoryExpansionCost(currentWords: number, offset: number, size: number): number {
  if (size === 0) return 0
  const end = offset + size
  if (end > MAX_MEMORY_BYTES) return UNPAYABLE
  const newWords = toWordSize(end)
  if (newWords <= currentWords) return 0
  return memoryCost(newWords) - memoryCost(currentWords)
}
