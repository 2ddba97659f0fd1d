/**
 * Static gas per native opcode, 256 entries indexed by byte, read from the
 * @zvm/bytecode table (the single source of truth). Exported for compilers that
 * estimate gas while emitting code. Unassigned bytes cost 0: executing them is
 * an InvalidOpcode error that consumes all gas anyway.
 */
import { NATIVE_OPCODE_TABLE } from '@zvm/bytecode'

/**
 * Static gas of each native opcode, indexed by byte.
 *
 * @example
 * ```ts
 * import { OPCODE_COSTS } from '@zvm/gas'
 * import { OP } from '@zvm/bytecode'
 * OPCODE_COSTS[OP.ADD]    // 3
 * OPCODE_COSTS[OP.SSTORE] // 100 (plus the dynamic part from sstoreCost)
 * ```
 */
export const OPCODE_COSTS: readonly number[] = Object.freeze(NATIVE_OPCODE_TABLE.map((info) => info?.staticGas ?? 0))
